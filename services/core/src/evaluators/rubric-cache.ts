// Per-rubric compiled patterns. A rubric object is compiled once and reused for every
// grade; the cache holds the rubric weakly, and each lookup re-checks the pattern texts so
// that a rubric object edited in place is recompiled rather than graded with stale programs.

import type { Rubric } from '../types';
import { compileLinear, type LinearPattern } from './linear-regex';

export interface PatternEntry {
  id: string;
  pattern?: string | null;
}

interface CompiledList {
  sources: (string | null)[];
  patterns: (LinearPattern | null)[];
}

const cache = new WeakMap<Rubric, Map<string, CompiledList>>();

/**
 * The compiled pattern of each entry (null where the entry has none), in entry order.
 * `list` names the rubric list ("reasoning link", "summary element", ...) for error messages.
 */
export function rubricPatterns(rubric: Rubric, list: string, entries: readonly PatternEntry[]): (LinearPattern | null)[] {
  let lists = cache.get(rubric);
  if (!lists) {
    lists = new Map();
    cache.set(rubric, lists);
  }
  const known = lists.get(list);
  if (known && sameSources(known.sources, entries)) return known.patterns;
  const sources = entries.map((entry) => entry.pattern ?? null);
  const patterns = entries.map((entry, i) => {
    const source = sources[i];
    return source == null ? null : compileLinear(source, `${list} "${entry.id}"`);
  });
  lists.set(list, { sources, patterns });
  return patterns;
}

function sameSources(sources: readonly (string | null)[], entries: readonly PatternEntry[]): boolean {
  if (sources.length !== entries.length) return false;
  for (let i = 0; i < entries.length; i++) {
    if (sources[i] !== ((entries[i] as PatternEntry).pattern ?? null)) return false;
  }
  return true;
}
