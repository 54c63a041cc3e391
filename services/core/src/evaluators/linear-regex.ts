// Teacher-written patterns run on re2js, a linear-time (RE2) engine: a pattern such as
// `(a+)+$` costs time proportional to the text, never exponential. Patterns are
// case-insensitive and `.` also matches line breaks, so a pattern spans a summary
// that was wrapped over several lines.
//
// Speed: deciding *whether* a text matches runs on the engine's DFA (cheap); the span of
// the match, which needs the slower capture-tracking engine, is computed only for texts
// the DFA already accepted.

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

export interface LinearPattern {
  readonly source: string;
  /** True when the pattern matches anywhere in the text. */
  test(text: string): boolean;
  /** The leftmost match as [start, end) offsets into the text, or null. */
  find(text: string, from?: number): { start: number; end: number } | null;
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
    find: (text, from = 0) => {
      const matcher = program.matcher(text);
      if (!matcher.find(from)) return null;
      return { start: matcher.start(), end: matcher.end() };
    },
  };
  if (compiled.size >= MAX_CACHED) compiled.clear();
  compiled.set(pattern, linear);
  return linear;
}
