// Rubric patterns run on the linear-time RE2 engine (re2js), so no teacher-written pattern
// can stall a service. QA compiles each one with the flags the evaluators use
// (evaluators/linear-regex.ts): case-insensitive, `.` matching line breaks.

import { RE2JS } from 're2js';

const FLAGS = RE2JS.CASE_INSENSITIVE | RE2JS.DOTALL;

export type PatternVerdict =
  | { ok: true; matchesEmpty: boolean }
  | { ok: false; code: 'pattern_syntax' | 'pattern_unsupported'; detail: string };

/** Verdicts of recently seen patterns: rubrics are re-validated on every edit with the same patterns. */
const verdicts = new Map<string, PatternVerdict>();
const VERDICT_CACHE_LIMIT = 2000;

export function checkPattern(source: string): PatternVerdict {
  const known = verdicts.get(source);
  if (known !== undefined) return known;
  if (verdicts.size >= VERDICT_CACHE_LIMIT) verdicts.clear();
  const verdict = judgePattern(source);
  verdicts.set(source, verdict);
  return verdict;
}

function judgePattern(source: string): PatternVerdict {
  try {
    return { ok: true, matchesEmpty: RE2JS.compile(source, FLAGS).test('') };
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    // Valid for JavaScript's backtracking engine but not for RE2: unsupported, not malformed.
    return { ok: false, code: isJavaScriptRegExp(source) ? 'pattern_unsupported' : 'pattern_syntax', detail };
  }
}

function isJavaScriptRegExp(source: string): boolean {
  try {
    new RegExp(source, 'i'); // compiled only, never executed
    return true;
  } catch {
    return false;
  }
}
