// Whether a sentence asks something. A student who says a keyword in a statement ("so you
// do have a fever", "headaches like this can be a sign of bleeding") has not asked about it,
// so question matching and section detection read each sentence's form first:
//
// - a sentence with a question mark asks, unless it is a statement with a check-in tag
//   ("we'll get a scan of your chest, okay?", "... does that make sense?");
// - without one, it asks when it opens (after fillers such as "and", "so", "okay") with a
//   question word ("where", "how long"), an inverted auxiliary ("have you", "any", "is it")
//   or a request ("tell me about", "can I ask", "I was wondering").
//
// Words are the tokenizer's: lower case, apostrophes dropped ("we'll" is "well").

import type { UtteranceTokens } from './tokens';

const FILLERS = new Set([
  'and', 'so', 'ok', 'okay', 'right', 'alright', 'um', 'umm', 'uh', 'er', 'erm', 'now', 'also', 'just', 'then', 'great',
  'lovely', 'good', 'sure', 'thanks', 'mm', 'mmm', 'mhm', 'hmm', 'oh', 'ah', 'yes', 'yeah', 'fine', 'perfect', 'excellent',
  'brilliant', 'sorry', 'cool', 'gotcha', 'understood', 'fab', 'super', 'cheers', 'lastly', 'finally', 'next', 'firstly',
  'first', 'secondly', 'quickly', 'briefly', 'actually', 'ta', 'nice',
]);
// Fillers of two words ("you" and "I" alone open statements), by their first word.
const FILLER_PAIRS = byFirstWord(
  ['thank you', 'i see', 'all right', 'i understand', 'got it', 'fair enough', 'ok then', 'okay then', 'i appreciate', 'that helps'].map((pair) => pair.split(' ')),
);

const QUESTION_WORDS = new Set([
  'what', 'whats', 'when', 'whens', 'where', 'wheres', 'whereabouts', 'which', 'who', 'whos', 'whose', 'why', 'how', 'hows',
]);
const AUXILIARIES = new Set([
  'do', 'does', 'did', 'dont', 'doesnt', 'didnt', 'have', 'has', 'had', 'havent', 'hasnt', 'hadnt', 'is', 'are', 'was',
  'were', 'isnt', 'arent', 'wasnt', 'werent', 'can', 'could', 'would', 'will', 'shall', 'should', 'may', 'might', 'cant',
  'couldnt', 'wouldnt', 'wont', 'any', 'anything', 'anyone', 'anybody', 'ever', 'got', 'am',
]);
const REQUESTS = byFirstWord([
  ['tell', 'me'], ['describe'], ['talk', 'me', 'through'], ['walk', 'me', 'through'], ['take', 'me', 'through'],
  ['take', 'me', 'back'], ['run', 'me', 'through'], ['let', 'me', 'ask'], ['lets', 'talk', 'about'], ['id', 'like', 'to', 'ask'],
  ['i', 'would', 'like', 'to', 'ask'], ['i', 'want', 'to', 'ask'], ['i', 'wanted', 'to', 'ask'], ['i', 'need', 'to', 'ask'],
  ['i', 'have', 'to', 'ask'], ['i', 'must', 'ask'], ['i', 'was', 'wondering'], ['im', 'wondering'], ['id', 'like', 'to', 'know'],
  ['i', 'want', 'to', 'know'], ['id', 'like', 'to', 'check'], ['i', 'want', 'to', 'check'], ['i', 'need', 'to', 'check'],
  ['just', 'to', 'check'], ['to', 'check'], ['id', 'like', 'to', 'hear'], ['id', 'also', 'like', 'to', 'ask'], ['explain'],
  ['show', 'me'], ['point', 'to'], ['say', 'more'], ['go', 'on'], ['any', 'chance'], ['i', 'also', 'need', 'to', 'ask'],
  ['i', 'also', 'wanted', 'to', 'ask'], ['i', 'should', 'ask'], ['i', 'ought', 'to', 'ask'], ['id', 'better', 'ask'],
  ['since', 'when'], ['how', 'about'], ['what', 'about'],
]);
// Check-in tags that close a statement without asking anything about the patient ("right?"
// and "yeah?" are not among them: "it came on suddenly, right?" checks a fact, so it asks).
const CHECK_IN_TAGS: readonly (readonly string[])[] = [
  ['okay'], ['ok'], ['alright'], ['all', 'right'], ['does', 'that', 'make', 'sense'], ['is', 'that', 'ok'], ['is', 'that', 'okay'],
  ['is', 'that', 'alright'], ['if', 'thats', 'ok'], ['if', 'thats', 'okay'], ['if', 'thats', 'alright'], ['sound', 'ok'],
  ['sound', 'okay'], ['sound', 'good'], ['how', 'does', 'that', 'sound'], ['does', 'that', 'sound', 'ok'],
  ['does', 'that', 'sound', 'okay'], ['does', 'that', 'sound', 'alright'], ['ok', 'with', 'you'], ['okay', 'with', 'you'],
  ['any', 'questions'], ['do', 'you', 'have', 'any', 'questions'], ['is', 'that', 'clear'],
  ['would', 'that', 'be', 'ok'], ['would', 'that', 'be', 'okay'], ['would', 'that', 'be', 'alright'], ['make', 'sense'],
];
// Statements that open with a question word: "what we'll do next is ...".
const STATEMENT_RUNS = byFirstWord([
  ['what', 'well'], ['what', 'were', 'going'], ['what', 'ill'], ['what', 'i', 'think'], ['what', 'id', 'like'],
  ['what', 'i', 'would'], ['what', 'happens', 'next', 'is'], ['what', 'that', 'means'], ['what', 'this', 'means'],
  ['what', 'we', 'need'], ['what', 'i', 'need'], ['what', 'im', 'going'], ['what', 'youve', 'told'], ['what', 'you', 'told'],
  ['what', 'youre', 'describing'], ['what', 'you', 'describe'], ['what', 'probably'], ['what', 'happened', 'is'],
  ['what', 'happens', 'is'], ['what', 'it', 'means'], ['what', 'usually'], ['how', 'we', 'treat'], ['when', 'people'], ['when', 'someone'],
]);
// What a statement with a check-in tag opens with: the speaker's plans and explanations.
const STATEMENT_OPENERS = new Set([
  'i', 'im', 'ill', 'ive', 'id', 'we', 'were', 'weve', 'wed', 'well', 'lets', 'let', 'that', 'thats', 'this', 'its', 'it',
  'there', 'theres', 'they', 'theyll', 'theyre', 'the', 'a', 'an', 'what', 'youll', 'your', 'these', 'those', 'some',
  'one', 'our', 'my', 'if', 'because', 'since', 'as', 'sometimes', 'usually', 'often', 'most', 'people', 'once', 'after',
  'before', 'while', 'until', 'unfortunately', 'hopefully', 'basically', 'essentially',
]);

/** Word runs by their first word, so that a sentence's opening is compared with the runs that can match it only. */
function byFirstWord(runs: readonly (readonly string[])[]): ReadonlyMap<string, readonly (readonly string[])[]> {
  const map = new Map<string, (readonly string[])[]>();
  for (const run of runs) {
    const first = run[0] as string;
    const list = map.get(first);
    if (list) list.push(run);
    else map.set(first, [run]);
  }
  return map;
}

/** Whether one of the runs (by first word) starts at words[at]. */
function startsWithAny(runs: ReadonlyMap<string, readonly (readonly string[])[]>, words: readonly string[], at: number, to: number): boolean {
  const candidates = at < to ? runs.get(words[at] as string) : undefined;
  if (!candidates) return false;
  for (const run of candidates) if (startsWith(words, at, to, run)) return true;
  return false;
}

/** How many leading words of words[from, to) are fillers. */
export function fillerCount(words: readonly string[], from: number, to: number): number {
  let at = from;
  while (at < to) {
    if (at + 1 < to && startsWithAny(FILLER_PAIRS, words, at, to)) at += 2;
    else if (FILLERS.has(words[at] as string)) at++;
    else break;
  }
  return at - from;
}

function startsWith(words: readonly string[], at: number, to: number, run: readonly string[]): boolean {
  if (at + run.length > to) return false;
  for (let j = 0; j < run.length; j++) if (words[at + j] !== run[j]) return false;
  return true;
}

function endsWith(words: readonly string[], from: number, to: number, run: readonly string[]): boolean {
  const at = to - run.length;
  return at >= from && startsWith(words, at, to, run);
}

// Subjects after which a question word opens a clause, not a question: "when they examine her ...".
const SUBJECTS = new Set(['i', 'you', 'we', 'they', 'he', 'she', 'it', 'people', 'someone', 'somebody', 'the', 'your', 'this', 'that', 'there']);

/** Whether words[from, to) open like a question or a request (a sentence without a question mark). */
function opensAsQuestion(words: readonly string[], from: number, to: number): boolean {
  const at = from + fillerCount(words, from, to);
  if (at >= to) return false;
  const first = words[at] as string;
  if (startsWithAny(STATEMENT_RUNS, words, at, to)) return false;
  if (QUESTION_WORDS.has(first)) return !SUBJECTS.has(words[at + 1] as string);
  if (AUXILIARIES.has(first)) return true;
  return startsWithAny(REQUESTS, words, at, to);
}

/** A statement closed by a check-in tag: "we'll do a scan, okay?" */
function isTaggedStatement(words: readonly string[], from: number, to: number): boolean {
  const tag = CHECK_IN_TAGS.find((run) => endsWith(words, from, to, run));
  if (!tag) return false;
  const head = to - tag.length;
  if (head <= from) return false;
  const at = from + fillerCount(words, from, head);
  if (at >= head) return false;
  return STATEMENT_OPENERS.has(words[at] as string) && !opensAsQuestion(words, at, head);
}

// Words that open a short remark rather than a fragment question: "no fever, good", "poor thing".
const REMARK_OPENERS = new Set([...STATEMENT_OPENERS, 'no', 'not', 'nothing', 'none', 'sounds', 'looks', 'seems', 'poor', 'oh', 'yes', 'yeah', 'good', 'great', 'well', 'bless', 'wow', 'gosh', 'fair', 'perfect', 'brilliant', 'lovely']);
const FRAGMENT_WORDS = 6;

/**
 * A typed note's fragment question at the end of a turn, without a question mark: "Drug
 * allergies", "And the back pain, one side, both sides". Short, and opening with neither
 * a subject nor a remark.
 */
function isFragmentQuestion(words: readonly string[], from: number, to: number): boolean {
  const at = from + fillerCount(words, from, to);
  return to - at > 0 && to - at <= FRAGMENT_WORDS && !REMARK_OPENERS.has(words[at] as string);
}

/** Whether sentence s of the tokens asks something. */
export function sentenceAsks(tokens: UtteranceTokens, s: number): boolean {
  const from = tokens.sentenceStarts[s] as number;
  const to = tokens.sentenceStarts[s + 1] ?? tokens.words.length;
  const words = tokens.words;
  if (tokens.sentenceAsks[s] === true) {
    const at = from + fillerCount(words, from, to);
    return !isTaggedStatement(words, from, to) && !startsWithAny(STATEMENT_RUNS, words, at, to);
  }
  const last = s === tokens.sentenceStarts.length - 1 && !tokens.sentenceEnded[s];
  return opensAsQuestion(words, from, to) || (last && isFragmentQuestion(words, from, to));
}

/** Whether any sentence of the tokens asks something. */
export function utteranceAsks(tokens: UtteranceTokens): boolean {
  for (let s = 0; s < tokens.sentenceStarts.length; s++) if (sentenceAsks(tokens, s)) return true;
  return false;
}
