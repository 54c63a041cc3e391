// Negation, decided clause by clause (the full rule is in docs/grading.md):
//
// 1. A text is cut into clauses at sentence punctuation (. ! ? ; : followed by a space or
//    the end), commas, line breaks and the contrast words but / however / although /
//    though / whereas / except.
// 2. A forward cue (no, not, never, none, nothing, neither, nor, without, despite, in spite
//    of, less worried / concerned / convinced / suspicious, deny/denies/denied, any "n't"
//    word such as don't or isn't) negates from the cue to the end of its clause: "weakness
//    with no headache, concerning for stroke" negates only "no headache".
// 3. A clause cue (ruled out, rules out, excluded, unlikely, less likely, not likely,
//    doubt, doubtful, negative, absent) negates its whole clause, because these words
//    often follow what they negate ("ACS was ruled out"). So does a clause that glosses a
//    negated one or goes on with its list (", that's a clot on the lung", ", or a PE"), and
//    a diagnosis considered and then set aside ("I did think about a PE, but ...").
// 4. "cannot rule out", "can't rule out", "not ruled out" and the like keep a diagnosis
//    open, and "must be excluded" / "needs to be ruled out" state a plan, so none of
//    them is a cue.
//
// The cue lists are fixed alternations of literal words without nested quantifiers, so
// the built-in regular expressions below run in linear time.

export type Scope = readonly [start: number, end: number];

const CLAUSE_BOUNDARY = /[.!?;:](?=\s|$)|[,\n\r]|\b(?:but|however|although|though|whereas|except)\b/gi;
const KEEPS_OPEN =
  /\b(?:(?:cannot|can ?not|can['’]t|could not|couldn['’]t|not|never|hasn['’]t been|has not been|haven['’]t|have not)\s+(?:(?:be|been|yet)\s+){0,2}rul(?:e|ed)\s+out|(?:must|should|needs? to|has to|have to|to)\s+be\s+(?:ruled\s+out|excluded))\b/gi;
// A finding stated with a negative verb is still a finding: "she couldn't keep anything down", "I can't catch my breath",
// "she's not drinking".
const STATES_A_FINDING =
  /\b(?:cannot|can ?not|can['’]t|could not|couldn['’]t|unable to|not able to)\s+(?:(?:keep|hold)\s+(?:\S+\s+){0,5}down|stop\s+(?:vomiting|being sick|shaking|coughing)|catch\s+(?:\S+\s+)?breath|breathe|get\s+(?:\S+\s+)?breath|move|feel|lift|walk|stand|pass\s+urine|wee|pee|see|speak|talk|swallow|wake\s+(?:him|her)|get\s+(?:him|her)\s+to\s+wake)\b|\b(?:not|isn['’]t|aren['’]t|hasn['’]t been|haven['’]t been|wasn['’]t|barely|hardly)\s+(?:drinking|eating|passing\s+(?:urine|water)|weeing|peeing|feeding|keeping\s+(?:\S+\s+){0,3}down)\b/gi;
const CLAUSE_CUE = /\b(?:ruled out|rules out|excluded|unlikely|less likely|not likely|doubt|doubtful|negative|absent)\b/i;
const FORWARD_CUE = /\b(?:no|not|never|none|nothing|neither|nor|without|despite|in spite of|less worried|less concerned|less convinced|less suspicious|deny|denies|denied|denying|rather than|instead of|as opposed to|[a-z]+n['’]t)\b/i;
// Any cue at all, for texts that have none (most): the cue words, then the "n't" words.
// Trying [a-z]+n't at every word costs more than all the rest, and a text can hold such a
// word only where a letter precedes n't, which is fast to look for. One search looks for
// both, a letter before n't or a cue word, so that a text without a cue is read only once.
const CUE_WORD =
  /\b(?:no|not|never|none|nothing|neither|nor|without|despite|in spite of|deny|denies|denied|denying|rather than|instead of|as opposed to|ruled out|rules out|excluded|unlikely|less likely|not likely|less worried|less concerned|less convinced|less suspicious|doubt|doubtful|negative|absent)\b/i;
const NT_WORD = /\b[a-z]+n['’]t\b/i;
const CUE_WORD_OR_LETTER_BEFORE_NT = new RegExp(`[a-z]n['’]t\\b|${CUE_WORD.source}`, 'i');

/** Negated stretches of the text, in order, as [start, end) offsets. */
export function negationScopes(text: string): Scope[] {
  // A diagnosis is set aside only with a contrast after it, so most texts skip the longer test.
  const considered = REJECTING_CONTRAST_ANYWHERE.test(text) && CONSIDERED.test(text);
  if (!hasCue(text) && !considered) return [];
  const scopes: Scope[] = [];
  const all = clauses(text);
  let previousNegatedToEnd = false;
  for (let c = 0; c < all.length; c++) {
    const [start, end] = all[c] as Scope;
    const raw = text.slice(start, end);
    const clause = raw.replace(KEEPS_OPEN, blank).replace(STATES_A_FINDING, blank);
    const forward = FORWARD_CUE.exec(clause);
    let negatedToEnd = true;
    if (CLAUSE_CUE.test(clause) || (previousNegatedToEnd && CONTINUES_NEGATION.test(raw)) || (considered && CONSIDERED.test(raw) && rejectedNext(text, all, c))) {
      scopes.push([start, end]);
    } else if (forward) {
      scopes.push([start + forward.index, end]);
    } else {
      negatedToEnd = false;
    }
    previousNegatedToEnd = negatedToEnd;
  }
  return scopes;
}

// Words that start a gloss of the clause before: ", that's a clot on the lung".
const GLOSS_WORDS = "that['’]?s|that is|which is|which means|i\\.?e\\.?|meaning|in other words";
const GLOSSES = new RegExp(`^\\s*(?:${GLOSS_WORDS})\\b`, 'i');
// A gloss, or ", or a PE" going on with its list, is negated with a clause negated to its end.
const CONTINUES_NEGATION = new RegExp(`^\\s*(?:${GLOSS_WORDS}|or|nor)\\b`, 'i');
// "I did think about a PE, but ...": a diagnosis considered and then set aside.
const CONSIDERED = /\b(?:(?:did|had|have) (?:think|thought|wonder(?:ed)?|consider(?:ed)?)|thought about|wondered about|considered)\b/i;
const REJECTING_CONTRAST = /^\s*(?:but|however)\b/i;
const REJECTING_CONTRAST_ANYWHERE = /\b(?:but|however)\b/i;

/**
 * Whether the first clause after clause c that holds a word, glosses aside ("which is pressure
 * on the nerves"), sets it aside ("but ...").
 */
function rejectedNext(text: string, all: readonly Scope[], c: number): boolean {
  for (let n = c + 1; n < all.length; n++) {
    const [start, end] = all[n] as Scope;
    const clause = text.slice(start, end);
    if (clause.trim() === '' || GLOSSES.test(clause)) continue;
    return REJECTING_CONTRAST.test(clause);
  }
  return false;
}


/**
 * A cue word or an n't word. Every n't word has a letter before n't, so this is
 * (cue word or letter before n't) and (cue word or n't word): the first search is the only
 * one a text without a cue needs.
 */
function hasCue(text: string): boolean {
  return CUE_WORD_OR_LETTER_BEFORE_NT.test(text) && (CUE_WORD.test(text) || NT_WORD.test(text));
}

function blank(phrase: string): string {
  return ' '.repeat(phrase.length);
}

/** The text with every negated stretch blanked out (same length, so offsets still hold). */
export function maskNegated(text: string): string {
  const scopes = negationScopes(text);
  if (scopes.length === 0) return text;
  let masked = '';
  let at = 0;
  for (const [start, end] of scopes) {
    masked += text.slice(at, start) + ' '.repeat(end - start);
    at = end;
  }
  return masked + text.slice(at);
}

// A general remark states no reasoning about this patient: "drinking that much can lead to
// liver disease", "confusion is a classic sign of sepsis", "pleuritic pain can mean a PE",
// "smoking does cause cancer", "TB is common in many countries", "smoking's the biggest cause
// of heart attacks", "we do an ECG on everybody", "arteritis is an inflammation of the
// arteries", "steroids are the usual treatment", "we do that for everyone", "we
// ask because ...", "one of the commonest causes of ...", "you'd usually expect ...".
const GENERIC_REMARK =
  /\b(?:can|could|may) (?:lead to|cause|be caused by|be a sign of|be signs of|be a symptom of|happen with|lower|raise|increase|trigger|provoke|bring on|set off|come from|affect)|\bcan have (?:lots of|many|loads of|all sorts of) (?:causes|reasons)\b|\b(?:i|we)(?:'d| would) (?:normally|usually|typically) think\b|\b(?:in|for) (?:teenagers|children|kids|young people|older people|elderly people|smokers|vegans|vegetarians)\b|\b(?:vegans|vegetarians|smokers|teenagers|drinkers) (?:are|can|often|tend|run|get|usually)\b|\b(?:does|do) cause\b|\b(?:is|are) (?:very |really |quite |more |so )?common (?:in|among|with|after|at)\b|\bclassic (?:signs?|symptoms?|features?)\b|\b(?:in general|generally speaking|as a rule|for everyone|in everyone|everyone your age|it'?s (?:just )?routine|just routine|some people|lots of people|most people|people who|anyone who|we always|we routinely|we usually)\b|\b(?:we|i) ask (?:because|as|since)\b|\bthe reason (?:i|we) ask\b|\b(?:one of )?the (?:commonest|most common|main|usual|classic|biggest|leading) (?:causes?|reasons?) (?:of|for|why|anyone)\b|\b(?:on|for|in) (?:everyone|everybody)\b|\bevery(?:one|body|\s+(?:kid|child|patient|person|adult)) (?:who|that)\b|\b(?:is|are) the (?:usual|standard|normal|first-line) (?:treatment|test|way)\b|\bthe one (?:that'?s|that is|which is) (?:linked|associated)\b|\byou(?:'?d| would) (?:usually |normally |typically |classically )?expect\b/i;

// "Pleuritic pain can mean a PE" and "arteritis is an inflammation of the arteries" are
// general remarks; "the ache under your ribs can mean your liver is affected" and "what I
// think is going on is an infection of the tube" are about the patient.
const GENERAL_UNLESS_ABOUT_THE_PATIENT = /\bcan (?:mean|indicate|suggest|point to)\b|\b(?:comes?|is caught|are caught|is spread|are spread) from\b|\b(?:is|are) an? (?:inflammation|infection|condition|disease) (?:of|in|where|that)\b/i;
const ABOUT_THE_PATIENT = /\b(?:you|your|yours|he|she|his|her|he['’]s|she['’]s|i think|this)\b/i;

function isGenericRemark(clause: string): boolean {
  return GENERIC_REMARK.test(clause) || (GENERAL_UNLESS_ABOUT_THE_PATIENT.test(clause) && !ABOUT_THE_PATIENT.test(clause));
}

/** The text with every clause that makes a general remark blanked out (same length). */
export function maskGeneric(text: string): string {
  if (!GENERIC_REMARK.test(text) && !GENERAL_UNLESS_ABOUT_THE_PATIENT.test(text)) return text;
  let masked = '';
  let at = 0;
  let previousGeneric = false;
  for (const [start, end] of clauses(text)) {
    const clause = text.slice(start, end);
    // ", including blood cancer" and ", like throat cancer" go on with the remark before them.
    const generic: boolean = isGenericRemark(clause) || (previousGeneric && GOES_ON_WITH_EXAMPLES.test(clause));
    if (clause.trim() !== '') previousGeneric = generic;
    if (!generic) continue;
    masked += text.slice(at, start) + ' '.repeat(end - start);
    at = end;
  }
  return masked + text.slice(at);
}

const GOES_ON_WITH_EXAMPLES = /^\s*(?:including|like|such as|e\.?g\.?|for example|for instance|especially|or|and)\b/i;

// A sentence that ends with a question mark (sentences end at . ! ? ; before a space or the end).
const QUESTION_SENTENCE = /[^.!?;]*\?+(?=\s|$)/g;

/**
 * The text with every question blanked out (same length): a question to the patient states
 * no reasoning ("Any calf swelling? Are you on the pill?"), however many keywords it holds.
 */
export function maskQuestions(text: string): string {
  if (!text.includes('?')) return text;
  return text.replace(QUESTION_SENTENCE, blank);
}

/** True when the offset lies inside one of the scopes. */
export function isNegatedAt(scopes: readonly Scope[], offset: number): boolean {
  return scopes.some(([start, end]) => offset >= start && offset < end);
}

function clauses(text: string): Scope[] {
  const found: Scope[] = [];
  let start = 0;
  for (const boundary of text.matchAll(CLAUSE_BOUNDARY)) {
    const index = boundary.index ?? 0;
    if (index > start) found.push([start, index]);
    // A contrast word starts the next clause; punctuation belongs to neither.
    start = /^[a-z]/i.test(boundary[0]) ? index : index + boundary[0].length;
  }
  if (text.length > start) found.push([start, text.length]);
  return found;
}
