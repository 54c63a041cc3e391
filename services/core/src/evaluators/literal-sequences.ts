// An exact engine-free matcher for the commonest shape of teacher pattern: groups of
// literal alternatives joined by `.*`, such as `(acute|sudden).*(focal|weakness).*(stroke|CVA)`,
// and unions of such branches (`(a|b).*(c)|(c).*(a|b)`). A group is `(x|y)`, `(?:x|y)` or
// a bare literal `x`; a literal is printable ASCII without regular-expression syntax.
//
// Why it is exact: patterns run case-insensitively with `.` matching every character,
// line breaks included, so `.*` matches whatever lies between two groups. A branch thus
// matches a stretch of text exactly when the stretch starts with an occurrence of a literal
// of the first group, ends with one of the last group, and holds one of every group in
// between, in order and without overlapping. For ASCII literals the case-folded text
// (foldCase) holds a literal's character exactly where the engine's case-insensitive
// comparison accepts the text's character (checked for every code point in the tests), so
// plain substring searches on the folded text decide the match and find its span. That
// holds only while folding kept the text's length: the caller checks it and otherwise runs
// the engine.
//
// Each search is one indexOf/lastIndexOf per literal, so the time stays linear in the text.

import type { Span } from './linear-regex';

/** Branches, each a list of groups, each a list of case-folded literals. */
export type LiteralSequences = readonly (readonly (readonly string[])[])[];

// Printable ASCII other than the characters with a meaning in RE2 syntax.
const LITERAL = /^[^\\.+*?()|[\]{}^$\x00-\x1f\x7f-\uffff]+$/;
const GROUP = /^\((?:\?:)?([^()]*)\)$/;

/** The pattern's branches when it has the supported shape, else null. */
export function literalSequences(pattern: string): LiteralSequences | null {
  const branches: string[][][] = [];
  for (const branch of topLevelBranches(pattern)) {
    const groups: string[][] = [];
    for (const part of branch.split('.*')) {
      const group = GROUP.exec(part);
      const literals = group ? (group[1] as string).split('|') : [part];
      if (!literals.every((literal) => LITERAL.test(literal))) return null;
      groups.push(literals.map((literal) => literal.toLowerCase()));
    }
    branches.push(groups);
  }
  return branches;
}

/** The pattern split at the `|` that lie outside parentheses. */
function topLevelBranches(pattern: string): string[] {
  const branches: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < pattern.length; i++) {
    const char = pattern[i];
    if (char === '(') depth++;
    else if (char === ')') depth--;
    else if (char === '|' && depth === 0) {
      branches.push(pattern.slice(start, i));
      start = i + 1;
    }
  }
  branches.push(pattern.slice(start));
  return branches;
}

/**
 * In the folded text: the match that ends first, shortest among those that end there
 * (the spanIn contract of linear-regex.ts), or null when there is none.
 */
export function firstShortestMatch(sequences: LiteralSequences, folded: string): Span | null {
  let best: Span | null = null;
  for (const groups of sequences) {
    const end = earliestEnd(groups, folded);
    if (end < 0 || (best !== null && end > best.end)) continue;
    const start = latestStart(groups, folded, end);
    if (best === null || end < best.end || start > best.start) best = { start, end };
  }
  return best;
}

/**
 * Where the earliest match of the branch ends, or -1: taking, group after group, the
 * occurrence that ends first after the previous one leaves the most room for the rest.
 */
function earliestEnd(groups: readonly (readonly string[])[], folded: string): number {
  let at = 0;
  for (const group of groups) {
    let end = Infinity;
    for (const literal of group) {
      const found = folded.indexOf(literal, at);
      if (found >= 0) end = Math.min(end, found + literal.length);
    }
    if (end === Infinity) return -1;
    at = end;
  }
  return at;
}

/**
 * Where the shortest match of the branch ending at `end` starts (one exists): group before
 * group, the occurrence that starts last before the next one leaves the most room for the
 * rest. (For the last group that occurrence ends at `end`: one ending earlier would, with
 * the same groups before it, be a match ending before the earliest end.)
 */
function latestStart(groups: readonly (readonly string[])[], folded: string, end: number): number {
  let next = end;
  for (let g = groups.length - 1; g >= 0; g--) {
    let start = -1;
    for (const literal of groups[g] as readonly string[]) {
      if (literal.length <= next) start = Math.max(start, folded.lastIndexOf(literal, next - literal.length));
    }
    next = start;
  }
  return next;
}
