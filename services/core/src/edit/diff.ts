// A readable before/after diff of two rubrics. Lists of items with ids (questions, links,
// penalties...) are aligned by id, so removing one question shows as one removal rather than
// every later question "changing"; other arrays (phrases, expected_order) show whole.
// rubricPatch turns the same alignment into an RFC 6902 patch from one rubric to the other.

import type { JsonPatchOperation, RubricDiffEntry } from '../types';
import { childPointer, hasOwn, isJsonObject, jsonEqual } from './json-pointer';

/**
 * Entries in document order. Paths of removed items use their index in `before`;
 * added and changed items use their index in `after`. An absent side is null.
 */
export function diffRubrics(before: unknown, after: unknown): RubricDiffEntry[] {
  const entries: RubricDiffEntry[] = [];
  diffValues(before, after, '', entries);
  return entries;
}

function diffValues(before: unknown, after: unknown, pointer: string, out: RubricDiffEntry[]): void {
  if (jsonEqual(before, after)) return;
  if (isJsonObject(before) && isJsonObject(after)) {
    const keys = [...Object.keys(before), ...Object.keys(after).filter((key) => !hasOwn(before, key))];
    for (const key of keys) {
      const path = childPointer(pointer, key);
      if (!hasOwn(after, key)) out.push({ path, change: 'remove', before: before[key], after: null });
      else if (!hasOwn(before, key)) out.push({ path, change: 'add', before: null, after: after[key] });
      else diffValues(before[key], after[key], path, out);
    }
  } else if (isIdList(before) && isIdList(after)) {
    diffById(before, after, pointer, out);
  } else {
    out.push({ path: pointer, change: 'replace', before, after });
  }
}

type Identified = { id: string } & Record<string, unknown>;

function isIdList(value: unknown): value is Identified[] {
  if (!Array.isArray(value)) return false;
  const ids = value.map((item) => (isJsonObject(item) && typeof item.id === 'string' ? item.id : null));
  return ids.every((id) => id !== null) && new Set(ids).size === ids.length;
}

function diffById(before: Identified[], after: Identified[], pointer: string, out: RubricDiffEntry[]): void {
  const afterIds = new Set(after.map((item) => item.id));
  before.forEach((item, i) => {
    if (!afterIds.has(item.id)) out.push({ path: childPointer(pointer, i), change: 'remove', before: item, after: null });
  });
  const beforeById = new Map(before.map((item) => [item.id, item]));
  after.forEach((item, i) => {
    const path = childPointer(pointer, i);
    const previous = beforeById.get(item.id);
    if (previous === undefined) out.push({ path, change: 'add', before: null, after: item });
    else diffValues(previous, item, path, out);
  });
}

/**
 * An RFC 6902 patch that turns `before` into `after`, aligned like diffRubrics. Within an id
 * list, removals come first from the highest index down, then additions and changes in the
 * order of `after`, so every operation's index is already final when it runs; a list whose
 * kept items changed order is replaced whole.
 */
export function rubricPatch(before: unknown, after: unknown): JsonPatchOperation[] {
  const ops: JsonPatchOperation[] = [];
  patchValues(before, after, '', ops);
  return ops;
}

function patchValues(before: unknown, after: unknown, pointer: string, out: JsonPatchOperation[]): void {
  if (jsonEqual(before, after)) return;
  if (isJsonObject(before) && isJsonObject(after)) {
    for (const key of Object.keys(before)) if (!hasOwn(after, key)) out.push({ op: 'remove', path: childPointer(pointer, key) });
    for (const key of Object.keys(after)) {
      const path = childPointer(pointer, key);
      if (!hasOwn(before, key)) out.push({ op: 'add', path, value: after[key] });
      else patchValues(before[key], after[key], path, out);
    }
  } else if (isIdList(before) && isIdList(after) && keptInOrder(before, after)) {
    patchById(before, after, pointer, out);
  } else {
    out.push({ op: 'replace', path: pointer, value: after });
  }
}

function keptInOrder(before: Identified[], after: Identified[]): boolean {
  const afterIds = new Set(after.map((item) => item.id));
  const beforeIds = new Set(before.map((item) => item.id));
  const kept = (items: Identified[], other: Set<string>) => items.filter((item) => other.has(item.id)).map((item) => item.id).join('\u0000');
  return kept(before, afterIds) === kept(after, beforeIds);
}

function patchById(before: Identified[], after: Identified[], pointer: string, out: JsonPatchOperation[]): void {
  const afterIds = new Set(after.map((item) => item.id));
  for (let i = before.length - 1; i >= 0; i--) {
    if (!afterIds.has((before[i] as Identified).id)) out.push({ op: 'remove', path: childPointer(pointer, i) });
  }
  const beforeById = new Map(before.map((item) => [item.id, item]));
  after.forEach((item, i) => {
    const previous = beforeById.get(item.id);
    if (previous === undefined) out.push({ op: 'add', path: childPointer(pointer, i), value: item });
    else patchValues(previous, item, childPointer(pointer, i), out);
  });
}
