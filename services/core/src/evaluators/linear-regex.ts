// Teacher-written patterns run on re2js, a linear-time (RE2) engine: a pattern such as
// `(a+)+$` costs time proportional to the text, never exponential. Patterns are
// case-insensitive and `.` also matches line breaks, so a pattern spans a summary
// that was wrapped over several lines.
//
// Speed: patterns made only of literal alternatives joined by `.*` (the commonest shape)
// never reach the engine: substring searches on the case-folded text give the same answers
// (literal-sequences.ts). For the others, deciding *whether* a text matches runs on the
// engine's DFA (cheap). The span of a
// match is found with the same DFA by two searches (the shortest prefix that matches, then
// the shortest suffix of it that still matches): O(n log n) DFA steps, a fraction of the
// cost of the capture-tracking engine. Patterns whose meaning depends on what
// surrounds a slice (^ $ \b \B \A \z) use the capture-tracking engine instead, since
// cutting the text could change their answer.

import { RE2JS } from 're2js';
import { firstShortestMatch, holdsMatch, literalSequences, type LiteralSequences } from './literal-sequences';
import { foldCase, mayMatch, minimalMatchEnd, minimalMatchLength, requiredLiterals, type Requirement } from './required-literals';

const FLAGS = RE2JS.CASE_INSENSITIVE | RE2JS.DOTALL;

/** A rubric pattern the linear-time engine cannot compile. */
export class PatternError extends Error {
  constructor(
    /** Where the pattern sits, e.g. `reasoning link "onset_to_ct"`. */
    readonly where: string,
    readonly pattern: string,
    reason: string,
  ) {
    super(`${where}: pattern ${JSON.stringify(pattern)} cannot be compiled by the linear-time engine: ${reason}`);
    this.name = 'PatternError';
  }
}

export interface Span {
  start: number;
  end: number;
}

export interface LinearPattern {
  readonly source: string;
  /** True when the pattern matches anywhere in the text (`folded`: foldCase(text), when the caller has it). */
  test(text: string, folded?: string): boolean;
  /**
   * In a text that test() accepted: the match that ends first, as [start, end) offsets,
   * shortest when several end there (leftmost-first for patterns with context assertions).
   */
  spanIn(text: string, folded?: string): Span;
  /** False when the pattern has context assertions, so a match in a slice may not be one in the whole. */
  readonly sliceSafe: boolean;
  /** The pattern's literal sequences when it has that shape (literal-sequences.ts), else null. */
  readonly sequences: LiteralSequences | null;
  /** Literals every match contains (see required-literals.ts); empty when nothing is known. */
  readonly literals: Requirement;
  /** test() without the literal check, for a text already known to hold the literals. */
  testEngine(text: string, folded?: string): boolean;
}

// Compiled patterns shared across rubrics (the same pattern text compiles to the same
// program). Bounded so that a long-running service fed many rubrics cannot grow it forever.
const compiled = new Map<string, LinearPattern>();
const MAX_CACHED = 2000;

/** Compiles (or fetches from the cache) a pattern; throws PatternError when it cannot be run. */
export function compileLinear(pattern: string, where: string): LinearPattern {
  const cached = compiled.get(pattern);
  if (cached) return cached;
  let program: RE2JS;
  try {
    program = RE2JS.compile(pattern, FLAGS);
  } catch (err) {
    throw new PatternError(where, pattern, err instanceof Error ? err.message : String(err));
  }
  const sequences = literalSequences(pattern);
  const linear = sequences ? sequencePattern(pattern, program, sequences) : enginePattern(pattern, program);
  if (compiled.size >= MAX_CACHED) compiled.clear();
  compiled.set(pattern, linear);
  return linear;
}

function enginePattern(pattern: string, program: RE2JS): LinearPattern {
  const sliceSafe = !CONTEXT_ASSERTION.test(pattern);
  const literals = requiredLiterals(pattern);
  return {
    source: pattern,
    // Folding the text and searching for a few literals costs far less than an engine run.
    test: literals.length === 0 ? (text) => program.test(text) : (text, folded = foldCase(text)) => mayMatch(literals, folded) && program.test(text),
    spanIn: sliceSafe ? (text, folded) => narrowingSpan(program, literals, text, folded) : (text) => capturingSpan(program, text),
    sliceSafe,
    sequences: null,
    literals,
    testEngine: (text) => program.test(text),
  };
}

/** A pattern of literal sequences: the engine runs only on texts whose folding changed length. */
function sequencePattern(pattern: string, program: RE2JS, sequences: LiteralSequences): LinearPattern {
  const literals = requiredLiterals(pattern);
  const test = (text: string, folded = foldCase(text)) =>
    folded.length === text.length ? holdsMatch(sequences, folded) : program.test(text);
  return {
    source: pattern,
    test,
    spanIn: (text, folded = foldCase(text)) => {
      if (folded.length !== text.length) return narrowingSpan(program, literals, text, folded);
      const span = firstShortestMatch(sequences, folded);
      if (!span) throw new Error(`spanIn: ${JSON.stringify(pattern)} does not match the text`);
      return span;
    },
    sliceSafe: true,
    sequences,
    literals,
    testEngine: test,
  };
}

// Any of ^ $ \A \z \b \B (possibly escaped inside a class: erring on the safe side costs only speed).
const CONTEXT_ASSERTION = /[\^$]|\\[AzbB]/;

function capturingSpan(program: RE2JS, text: string): Span {
  const matcher = program.matcher(text);
  if (!matcher.find()) throw new Error(`spanIn: ${JSON.stringify(program.pattern())} does not match the text`);
  return { start: matcher.start(), end: matcher.end() };
}

/**
 * The earliest-ending match, shortest among those, located with DFA tests only. Both
 * searches start from the least length the pattern's literals allow and gallop (32, 64,
 * 128, ... past it) before bisecting, so a short match near the start of a long text costs
 * little more than the match itself.
 */
function narrowingSpan(program: RE2JS, literals: Requirement, text: string, givenFolded?: string): Span {
  // Offsets in the folded text are offsets in the text only while folding kept its length.
  const folded = literals.length === 0 ? '' : givenFolded ?? foldCase(text);
  const bounded = literals.length > 0 && folded.length === text.length;
  // Every prefix at least as long as the earliest match end matches: find the shortest.
  const leastEnd = bounded ? minimalMatchEnd(literals, folded) : 0;
  const end = smallestAccepted(leastEnd, text.length, (length) => program.test(text.slice(0, length)));
  // Every suffix of text[0, end) starting at or before the match start matches: find the shortest.
  const leastLength = bounded ? minimalMatchLength(literals, folded, end) : 0;
  const length = smallestAccepted(leastLength, end, (n) => program.test(text.slice(end - n, end)));
  return { start: end - length, end };
}

/**
 * The smallest n in [least, max] with accepts(n), for a monotone accepts that holds at max
 * and fails below least.
 */
function smallestAccepted(least: number, max: number, accepts: (n: number) => boolean): number {
  let low = Math.min(least, max);
  if (low > 0) {
    if (accepts(low)) return low;
    low++;
  }
  const start = low;
  let step = 32;
  let high = Math.min(start + step, max);
  while (high < max && !accepts(high)) {
    low = high + 1;
    step *= 2;
    high = Math.min(start + step, max);
  }
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (accepts(mid)) high = mid;
    else low = mid + 1;
  }
  return low;
}
