// Literal strings a match of a teacher pattern must contain, so that most texts can be
// ruled out with a plain substring search before the regular-expression engine runs.
//
// The answer is a conjunction of clauses: every match contains, for each clause, at least
// one of that clause's strings. Strings are case-folded (ASCII letters lower-cased) and
// are compared with foldCase(text), because patterns run case-insensitively. Only ASCII
// characters ever enter a string; any other character counts as "some character".
//
// The analysis is deliberately conservative: whatever syntax it does not fully understand
// (inline flags, \p classes, \Q…\E, counted repeats it cannot read, POSIX classes …)
// gives an empty conjunction, which rules nothing out. A wrong clause would make a link
// undetectable, a missing clause only costs an engine run.

/** At least one of these strings occurs in every match. */
export type Clause = readonly string[];
/** Every clause holds; an empty list requires nothing. */
export type Requirement = readonly Clause[];

/** What is known about a sub-pattern: all the strings it matches, or clauses its matches satisfy. */
interface Info {
  exact: string[] | null;
  must: Requirement;
}

const MAX_EXACT = 64;
const MAX_CLAUSES = 4;
const MAX_CLAUSE_SIZE = 64;

const ANY_CHAR: Info = { exact: null, must: [] };
const EMPTY: Info = { exact: [''], must: [] };

class Unsupported extends Error {}

/** The clauses every match of the (already compiled, so valid) pattern satisfies. */
export function requiredLiterals(pattern: string): Requirement {
  try {
    const reader = new PatternReader(pattern);
    const info = reader.alternation();
    return reader.atEnd() ? requirementOf(info) : [];
  } catch (err) {
    if (err instanceof Unsupported) return [];
    throw err;
  }
}

/**
 * The text as the clauses compare it: lower-cased, and the long s (which the engine's case
 * folding equates with "s") written as "s". Both keep the length of ASCII text.
 */
export function foldCase(text: string): string {
  const lower = text.toLowerCase();
  return lower.includes('ſ') ? lower.replace(/ſ/g, 's') : lower;
}

/** True when the folded text satisfies every clause (so the pattern may match it). */
export function mayMatch(requirement: Requirement, folded: string): boolean {
  for (const clause of requirement) {
    if (!clause.some((literal) => folded.includes(literal))) return false;
  }
  return true;
}

/** Texts joined by line breaks, with where each one sits in the joined text. */
export interface JoinedPieces {
  text: string;
  starts: number[];
  ends: number[];
}

export function joinPieces(pieces: readonly string[]): JoinedPieces {
  const starts: number[] = [];
  const ends: number[] = [];
  let at = 0;
  for (const piece of pieces) {
    starts.push(at);
    ends.push(at + piece.length);
    at += piece.length + 1;
  }
  return { text: pieces.join('\n'), starts, ends };
}

/**
 * The joined texts case-folded, with the same layout. Folding the joined text at once is
 * cheaper; only when folding changed lengths (a dotted capital I) is each piece folded alone.
 */
export function foldPieces(joined: JoinedPieces, pieces: readonly string[]): JoinedPieces {
  const folded = foldCase(joined.text);
  return folded.length === joined.text.length ? { ...joined, text: folded } : joinPieces(pieces.map(foldCase));
}

/**
 * For the texts laid out in `joined` (folded): which may match (1) and which cannot (0).
 * The first clause, the most selective, is searched once through the joined text; the
 * others only in the texts that passed it.
 */
export function textsThatMayMatch(requirement: Requirement, joined: JoinedPieces): Uint8Array {
  const { text, starts, ends } = joined;
  const [first, ...rest] = requirement;
  if (first === undefined) return new Uint8Array(starts.length).fill(1);
  const possible = new Uint8Array(starts.length);
  for (const literal of first) markTextsContaining(literal, text, starts, ends, possible);
  if (rest.length > 0) {
    for (let i = 0; i < possible.length; i++) {
      if (possible[i] === 1 && !mayMatch(rest, text.slice(starts[i], ends[i]))) possible[i] = 0;
    }
  }
  return possible;
}

function markTextsContaining(literal: string, joined: string, starts: readonly number[], ends: readonly number[], hit: Uint8Array): void {
  const last = starts.length - 1;
  let text = 0;
  let at = joined.indexOf(literal);
  while (at >= 0) {
    while (text < last && (starts[text + 1] as number) <= at) text++;
    if (at >= (starts[text] as number) && at + literal.length <= (ends[text] as number)) {
      hit[text] = 1;
      if (text === last) return;
      at = joined.indexOf(literal, starts[text + 1]);
    } else {
      at = joined.indexOf(literal, at + 1);
    }
  }
}

/**
 * The smallest length a prefix of the folded text needs to hold a match: every clause has
 * one of its strings there.
 */
export function minimalMatchEnd(requirement: Requirement, folded: string): number {
  let bound = 0;
  for (const clause of requirement) {
    let earliest = Infinity;
    for (const literal of clause) {
      const at = folded.indexOf(literal);
      if (at >= 0) earliest = Math.min(earliest, at + literal.length);
    }
    if (earliest === Infinity) return 0;
    bound = Math.max(bound, earliest);
  }
  return bound;
}

/**
 * The smallest length a match ending at `end` can have: it starts no later than the last
 * place, for every clause, where one of its strings fits before `end`.
 */
export function minimalMatchLength(requirement: Requirement, folded: string, end: number): number {
  let latestStart = end;
  for (const clause of requirement) {
    let latest = -1;
    for (const literal of clause) {
      if (literal.length <= end) latest = Math.max(latest, folded.lastIndexOf(literal, end - literal.length));
    }
    if (latest < 0) return 0;
    latestStart = Math.min(latestStart, latest);
  }
  return end - latestStart;
}

function requirementOf(info: Info): Requirement {
  if (info.exact) return info.exact.includes('') || info.exact.length > MAX_CLAUSE_SIZE ? [] : [withoutContainingStrings(info.exact)];
  return info.must;
}

/**
 * The most selective clauses first (longest shortest string, then fewest strings), without
 * those another clause implies.
 */
function strongest(clauses: Clause[]): Requirement {
  const unique = new Map<string, Clause>();
  for (const clause of clauses) {
    if (clause.length === 0 || clause.includes('') || clause.length > MAX_CLAUSE_SIZE) continue;
    const reduced = withoutContainingStrings(clause);
    unique.set(reduced.join('\u0000'), reduced);
  }
  const candidates = [...unique.values()];
  // A clause whose strings all belong to another clause is stronger than it: keep only the stronger.
  const kept = candidates.filter((clause) => !candidates.some((other) => other !== clause && other.length < clause.length && other.every((s) => clause.includes(s))));
  const shortest = (clause: Clause) => Math.min(...clause.map((s) => s.length));
  return kept.sort((a, b) => shortest(b) - shortest(a) || a.length - b.length).slice(0, MAX_CLAUSES);
}

/** A text holding "woman" holds "man": of two strings where one contains the other, the longer adds nothing. */
function withoutContainingStrings(clause: Clause): string[] {
  const unique = [...new Set(clause)].sort();
  return unique.filter((s) => !unique.some((other) => other !== s && s.includes(other)));
}

function concatenation(items: Info[]): Info {
  const clauses: Clause[] = [];
  let run: string[] = [''];
  let allExact = true;
  for (const item of items) {
    if (item.exact) {
      if (run.length * item.exact.length <= MAX_EXACT) {
        run = run.flatMap((head) => (item.exact as string[]).map((tail) => head + tail));
      } else {
        clauses.push(run);
        run = item.exact;
        allExact = false;
      }
    } else {
      clauses.push(run, ...item.must);
      run = [''];
      allExact = false;
    }
  }
  if (allExact) return { exact: [...new Set(run)], must: [] };
  clauses.push(run);
  return { exact: null, must: strongest(clauses) };
}

function alternation(branches: Info[]): Info {
  if (branches.length === 1) return branches[0] as Info;
  if (branches.every((b) => b.exact)) {
    const union = [...new Set(branches.flatMap((b) => b.exact as string[]))];
    if (union.length <= MAX_EXACT) return { exact: union, must: [] };
  }
  let combined: Requirement | null = null;
  for (const branch of branches) {
    const requirement = requirementOf(branch);
    if (requirement.length === 0) return ANY_CHAR;
    // (a1 ∧ a2) ∨ (b1 ∧ b2) implies every (ai ∨ bj).
    combined = combined === null ? requirement : strongest(combined.flatMap((a) => requirement.map((b) => [...a, ...b])));
    if (combined.length === 0) return ANY_CHAR;
  }
  return { exact: null, must: combined ?? [] };
}

function repeated(item: Info, min: number, max: number | null): Info {
  if (min === 0 && max === 1 && item.exact && item.exact.length < MAX_EXACT) return { exact: [...new Set([...item.exact, ''])], must: [] };
  if (min === 0 && max === 0) return EMPTY;
  if (min === 0) return ANY_CHAR;
  if (min === 1 && max === 1) return item;
  return { exact: null, must: requirementOf(item) };
}

/** A recursive-descent reader of RE2 syntax, for the subset it understands. */
class PatternReader {
  private at = 0;

  constructor(private readonly source: string) {}

  atEnd(): boolean {
    return this.at >= this.source.length;
  }

  alternation(): Info {
    const branches = [this.concatenation()];
    while (this.source[this.at] === '|') {
      this.at++;
      branches.push(this.concatenation());
    }
    return alternation(branches);
  }

  private concatenation(): Info {
    const items: Info[] = [];
    while (!this.atEnd() && this.source[this.at] !== '|' && this.source[this.at] !== ')') items.push(this.repetition());
    return concatenation(items);
  }

  private repetition(): Info {
    let item = this.atom();
    for (;;) {
      const char = this.source[this.at];
      if (char === '*') item = this.quantified(item, 0, null, 1);
      else if (char === '+') item = this.quantified(item, 1, null, 1);
      else if (char === '?') item = this.quantified(item, 0, 1, 1);
      else if (char === '{') {
        const counted = /^\{(\d+)(?:(,)(\d*))?\}/.exec(this.source.slice(this.at));
        if (!counted) throw new Unsupported();
        const min = Number(counted[1]);
        const max = counted[2] === undefined ? min : counted[3] === '' ? null : Number(counted[3]);
        item = this.quantified(item, min, max, counted[0].length);
      } else return item;
    }
  }

  private quantified(item: Info, min: number, max: number | null, width: number): Info {
    this.at += width;
    if (this.source[this.at] === '?') this.at++; // non-greedy: same strings
    return repeated(item, min, max);
  }

  private atom(): Info {
    const char = this.source[this.at] as string;
    this.at++;
    switch (char) {
      case '(':
        return this.group();
      case '[':
        return this.characterClass();
      case '.':
        return ANY_CHAR;
      case '^':
      case '$':
        return EMPTY;
      case '\\':
        return this.escape();
      case '*':
      case '+':
      case '?':
      case '{':
      case ')':
      case '|':
        throw new Unsupported();
      default:
        return this.literal(char);
    }
  }

  private group(): Info {
    if (this.source[this.at] === '?') {
      if (this.source[this.at + 1] !== ':') throw new Unsupported();
      this.at += 2;
    }
    const inner = this.alternation();
    if (this.source[this.at] !== ')') throw new Unsupported();
    this.at++;
    return inner;
  }

  /** A bracket class: its characters when it simply lists ASCII characters, else "some character". */
  private characterClass(): Info {
    const chars = new Set<string>();
    let simple = true;
    if (this.source[this.at] === '^') {
      simple = false;
      this.at++;
    }
    if (this.source[this.at] === ']') {
      chars.add(']');
      this.at++;
    }
    for (;;) {
      const char = this.source[this.at];
      if (char === undefined) throw new Unsupported();
      this.at++;
      if (char === ']') break;
      if (char === '[' && this.source[this.at] === ':') throw new Unsupported();
      if (char === '\\') {
        const escaped = this.source[this.at];
        if (escaped === undefined || /[0-9A-Za-z]/.test(escaped) && /[pPQxC0-9]/.test(escaped)) throw new Unsupported();
        this.at++;
        simple = false;
      } else if (char === '-' || char.charCodeAt(0) > 0x7f) {
        simple = false;
      } else {
        chars.add(char.toLowerCase());
      }
    }
    return simple && chars.size > 0 ? { exact: [...chars], must: [] } : ANY_CHAR;
  }

  private escape(): Info {
    const char = this.source[this.at];
    if (char === undefined) throw new Unsupported();
    this.at++;
    if (/[bBAz]/.test(char)) return EMPTY;
    if (/[dDwWsSntrfva]/.test(char)) return ANY_CHAR;
    if (/[0-9A-Za-z]/.test(char)) throw new Unsupported();
    return this.literal(char);
  }

  private literal(char: string): Info {
    const code = char.charCodeAt(0);
    if (code > 0x7f) {
      const next = this.source.charCodeAt(this.at);
      if (code >= 0xd800 && code <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) this.at++;
      return ANY_CHAR;
    }
    return { exact: [char.toLowerCase()], must: [] };
  }
}
