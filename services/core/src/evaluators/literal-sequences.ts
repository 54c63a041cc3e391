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
// Speed: a group's literals are looked for together by one built-in regular expression, a
// plain alternation of literals that V8 scans far faster than one indexOf per literal.
// With no quantifier in it, it runs in time linear in the text, as does every search here.

import type { Span } from './linear-regex';
import type { JoinedPieces } from './required-literals';

/** Literal alternatives, case-folded. */
export interface Group {
  readonly literals: readonly string[];
  /** Finds the leftmost occurrence of any of the literals (global: set lastIndex first). */
  readonly search: RegExp;
}

/** Branches, each a list of groups. */
export type LiteralSequences = readonly (readonly Group[])[];

// Printable ASCII other than the characters with a meaning in RE2 syntax.
const LITERAL = /^[^\\.+*?()|[\]{}^$\x00-\x1f\x7f-\uffff]+$/;
const GROUP = /^\((?:\?:)?([^()]*)\)$/;

/** The pattern's branches when it has the supported shape, else null. */
export function literalSequences(pattern: string): LiteralSequences | null {
  const branches: Group[][] = [];
  for (const branch of topLevelBranches(pattern)) {
    const groups: Group[] = [];
    for (const part of branch.split('.*')) {
      const group = GROUP.exec(part);
      const literals = group ? (group[1] as string).split('|') : [part];
      if (!literals.every((literal) => LITERAL.test(literal))) return null;
      groups.push(groupOf(literals.map((literal) => literal.toLowerCase())));
    }
    branches.push(groups);
  }
  return branches;
}

// The literals hold no character with a meaning in JavaScript regular expressions either.
function groupOf(literals: string[]): Group {
  return { literals, search: new RegExp(literals.join('|'), 'g') };
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

/** True when the folded text holds a match. */
export function holdsMatch(sequences: LiteralSequences, folded: string): boolean {
  return sequences.some((groups) => earliestEnd(groups, folded) >= 0);
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
 * The index of the first of the folded texts (joined by line breaks) that holds a match,
 * or -1; folding must have kept every text's length. One pass through the joined text: no
 * literal holds a line break, so no occurrence straddles two texts.
 */
export function firstTextMatching(sequences: LiteralSequences, joined: JoinedPieces): number {
  let first = -1;
  for (const groups of sequences) {
    const found = firstTextMatchingBranch(groups, joined);
    if (found >= 0 && (first < 0 || found < first)) first = found;
  }
  return first;
}

/**
 * Text by text, the branch's groups are searched as in earliestEnd. When the earliest
 * occurrence of a group lies in a later text, the texts before that one lack the group, so
 * the search resumes there. A search stops at its group's first occurrence, and what it
 * read again after a resumption lies in the text it resumed in: the time stays linear.
 */
function firstTextMatchingBranch(groups: readonly Group[], joined: JoinedPieces): number {
  const { text, starts, ends } = joined;
  let t = 0;
  search: while (t < starts.length) {
    let at = starts[t] as number;
    for (const group of groups) {
      const end = earliestGroupEnd(group, text, at);
      if (end < 0) return -1;
      if (end > (ends[t] as number)) {
        while ((ends[t] as number) < end) t++;
        continue search;
      }
      at = end;
    }
    return t;
  }
  return -1;
}

/**
 * The earliest end of an occurrence of one of the group's literals at or after `at`, or -1.
 * A literal starting after the leftmost occurrence can still end first when it is shorter,
 * so the starts before the best end found are checked too.
 */
function earliestGroupEnd(group: Group, text: string, at: number): number {
  group.search.lastIndex = at;
  const leftmost = group.search.exec(text);
  if (!leftmost) return -1;
  let end = leftmost.index + leftmost[0].length;
  for (let start = leftmost.index; start < end; start++) {
    for (const literal of group.literals) {
      if (start + literal.length < end && text.startsWith(literal, start)) end = start + literal.length;
    }
  }
  return end;
}

/**
 * Where the earliest match of the branch ends, or -1: taking, group after group, the
 * occurrence that ends first after the previous one leaves the most room for the rest.
 */
function earliestEnd(groups: readonly Group[], folded: string): number {
  let at = 0;
  for (const group of groups) {
    at = earliestGroupEnd(group, folded, at);
    if (at < 0) return -1;
  }
  return at;
}

/**
 * Where the shortest match of the branch ending at `end` starts (one exists): group before
 * group, the occurrence that starts last before the next one leaves the most room for the
 * rest. (For the last group that occurrence ends at `end`: one ending earlier would, with
 * the same groups before it, be a match ending before the earliest end.)
 */
function latestStart(groups: readonly Group[], folded: string, end: number): number {
  let next = end;
  for (let g = groups.length - 1; g >= 0; g--) {
    let start = -1;
    for (const literal of (groups[g] as Group).literals) {
      if (literal.length <= next) start = Math.max(start, folded.lastIndexOf(literal, next - literal.length));
    }
    next = start;
  }
  return next;
}
