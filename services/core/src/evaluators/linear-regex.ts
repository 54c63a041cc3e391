// Teacher-written patterns run on re2js, a linear-time (RE2) engine: a pattern such as
// `(a+)+$` costs time proportional to the text, never exponential. Patterns are
// case-insensitive and `.` also matches line breaks, so a pattern spans a summary
// that was wrapped over several lines.
//
// Speed: deciding *whether* a text matches runs on the engine's DFA (cheap). The span of a
// match is found with the same DFA by two binary searches (the shortest prefix that
// matches, then the shortest suffix of it that still matches): O(n log n) DFA steps, about
// half the cost of the capture-tracking engine. Patterns whose meaning depends on what
// surrounds a slice (^ $ \b \B \A \z) use the capture-tracking engine instead, since
// cutting the text could change their answer.

import { RE2JS } from 're2js';

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
  /** True when the pattern matches anywhere in the text. */
  test(text: string): boolean;
  /**
   * The match that ends first, as [start, end) offsets into the text, shortest when several
   * end there; null when there is none.
   */
  find(text: string): Span | null;
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
  const linear: LinearPattern = {
    source: pattern,
    test: (text) => program.test(text),
    find: CONTEXT_ASSERTION.test(pattern) ? (text) => capturingFind(program, text) : (text) => narrowingFind(program, text),
  };
  if (compiled.size >= MAX_CACHED) compiled.clear();
  compiled.set(pattern, linear);
  return linear;
}

// Any of ^ $ \A \z \b \B (possibly escaped inside a class: erring on the safe side costs only speed).
const CONTEXT_ASSERTION = /[\^$]|\\[AzbB]/;

function capturingFind(program: RE2JS, text: string): Span | null {
  const matcher = program.matcher(text);
  return matcher.find() ? { start: matcher.start(), end: matcher.end() } : null;
}

/** The earliest-ending match, shortest among those, located with DFA tests only. */
function narrowingFind(program: RE2JS, text: string): Span | null {
  if (!program.test(text)) return null;
  // Every prefix at least as long as the earliest match end matches: find the shortest.
  let low = 0;
  let high = text.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (program.test(text.slice(0, mid))) high = mid;
    else low = mid + 1;
  }
  const end = low;
  // Every suffix of text[0, end) starting at or before the match start matches: find the shortest.
  low = 0;
  high = end;
  while (low < high) {
    const mid = (low + high + 1) >>> 1;
    if (program.test(text.slice(mid, end))) low = mid;
    else high = mid - 1;
  }
  return { start: low, end };
}
