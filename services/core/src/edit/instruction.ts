// Turns a teacher's instruction into clauses. Quoted text (phrases, labels) is lifted out
// first and replaced by placeholders «n», so separators and keywords inside quotes never
// split or steer the parse; the quoted text keeps its original case.

export const MAX_INSTRUCTION_LENGTH = 2000;

export interface Clause {
  /** Lower-cased clause with quoted parts replaced by «n». */
  text: string;
  /** The clause as the teacher wrote it (quotes restored), for messages. */
  display: string;
}

export interface SplitInstruction {
  clauses: Clause[];
  /** Quoted strings by placeholder number. */
  quotes: string[];
}

export class InstructionSyntaxError extends Error {}

/** Opening quote → the characters that may close it. */
const QUOTE_PAIRS: Record<string, string> = { '"': '"', '“': '”', '„': '“”', "'": "'’", '‘': '’', '«': '»' };
/** Words that continue the previous clause rather than start a new one. */
const CONTINUATIONS = /^(?:«\d+»|with\b|labell?ed\b|called\b|named\b|phrases?\b|synonyms?\b|or\b)/;
const LEADING_FILLER = /^(?:please|kindly|also|then|now|and|can you|could you|would you|i want to|i'd like to|i would like to|let's|lets)\s+/;
/** Verbs a clause may inherit from the clause before it ("increase x to 0.4, y to 0.3"). */
export const LEADING_VERB = /^(set|change|make|update|adjust|put|increase|raise|boost|bump up|bump|decrease|lower|reduce|cut|drop|take|subtract|remove|delete|add|mark|unmark|flag|limit|cap)\b/;

export function splitInstruction(instruction: string): SplitInstruction {
  if (instruction.trim() === '') throw new InstructionSyntaxError('the instruction is empty');
  if (instruction.length > MAX_INSTRUCTION_LENGTH) {
    throw new InstructionSyntaxError(`the instruction is longer than ${MAX_INSTRUCTION_LENGTH} characters`);
  }
  const { text, quotes } = liftQuotes(instruction.normalize('NFKC'));
  const fragments = text
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .split(/\s*(?:;|,|[.!?]\s+|\band\b|\bthen\b)\s*/)
    .map((fragment) => fragment.replace(/[.!?]+$/, '').trim())
    .filter((fragment) => fragment !== '');
  const merged: string[] = [];
  for (const fragment of fragments) {
    const previous = merged[merged.length - 1];
    if (previous !== undefined && CONTINUATIONS.test(fragment)) merged[merged.length - 1] = `${previous}, ${fragment}`;
    else merged.push(fragment);
  }
  const clauses = withInheritedVerbs(merged.map(stripFiller)).map((clause) => ({
    text: clause,
    display: clause.replace(/«(\d+)»/g, (_, n: string) => `'${quotes[Number(n)] ?? ''}'`),
  }));
  return { clauses, quotes };
}

function stripFiller(clause: string): string {
  let current = clause;
  for (let previous = ''; previous !== current; ) {
    previous = current;
    current = current.replace(LEADING_FILLER, '');
  }
  return current;
}

function withInheritedVerbs(clauses: string[]): string[] {
  let verb: string | undefined;
  return clauses.map((clause) => {
    const own = LEADING_VERB.exec(clause)?.[1];
    if (own !== undefined) verb = own;
    return own === undefined && verb !== undefined ? `${verb} ${clause}` : clause;
  });
}

/** Replaces each quoted span with «n». An apostrophe inside a word ("patient's") is not a quote. */
function liftQuotes(instruction: string): { text: string; quotes: string[] } {
  const quotes: string[] = [];
  let text = '';
  let i = 0;
  while (i < instruction.length) {
    const char = instruction[i] as string;
    const closers = QUOTE_PAIRS[char];
    if (closers === undefined || (isApostropheLike(char) && isWordChar(instruction[i - 1]))) {
      text += char;
      i += 1;
      continue;
    }
    const end = findCloser(instruction, i + 1, closers, isApostropheLike(char));
    if (end < 0) throw new InstructionSyntaxError(`a quote opened at character ${i + 1} is never closed`);
    text += ` «${quotes.length}» `;
    quotes.push(instruction.slice(i + 1, end).trim());
    i = end + 1;
  }
  return { text, quotes };
}

function findCloser(text: string, from: number, closers: string, apostropheLike: boolean): number {
  for (let j = from; j < text.length; j++) {
    if (!closers.includes(text[j] as string)) continue;
    // A closing apostrophe followed by a letter is an apostrophe inside a word ("what's").
    if (apostropheLike && isWordChar(text[j + 1])) continue;
    return j;
  }
  return -1;
}

function isApostropheLike(char: string): boolean {
  return char === "'" || char === '‘';
}

function isWordChar(char: string | undefined): boolean {
  return char !== undefined && /[\p{L}\p{N}]/u.test(char);
}
