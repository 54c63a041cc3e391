// RFC 6902 JSON Patch. The input document is never touched: the patch runs on a deep copy
// and the copy is returned only when every operation succeeded (all or nothing).

import type { JsonPatchOperation } from '../types';
import { cloneJson, formatPointer, hasOwn, isJsonObject, jsonEqual, parsePointer, setOwn, type JsonObject } from './json-pointer';

export type JsonPatchFailure =
  | 'malformed_patch'
  | 'malformed_op'
  | 'invalid_pointer'
  | 'path_not_found'
  | 'index_out_of_range'
  | 'test_failed'
  | 'move_into_descendant';

export class JsonPatchError extends Error {
  /** Position of the failing operation in the patch; -1 when the patch itself is not an array. */
  readonly index: number;
  /** The operation's `op` member when it is a string, else null. */
  readonly op: string | null;
  /** The operation's `path` member when it is a string, else null. */
  readonly path: string | null;
  /** Stable machine-readable cause. */
  readonly reason: JsonPatchFailure;

  constructor(fields: { index: number; op: string | null; path: string | null; reason: JsonPatchFailure; message: string }) {
    super(fields.message);
    this.name = 'JsonPatchError';
    this.index = fields.index;
    this.op = fields.op;
    this.path = fields.path;
    this.reason = fields.reason;
  }
}

const OPERATIONS = new Set(['add', 'remove', 'replace', 'move', 'copy', 'test']);
const ARRAY_INDEX = /^(0|[1-9][0-9]*)$/;

/** Identifies the operation being applied, for error reports. */
interface Step {
  index: number;
  op: string | null;
  path: string | null;
}

type Container = JsonObject | unknown[];

function fail(step: Step, reason: JsonPatchFailure, message: string): never {
  throw new JsonPatchError({ ...step, reason, message: `operation ${step.index} (${step.op ?? '?'}): ${message}` });
}

/**
 * Applies `ops` (an RFC 6902 patch, typically parsed from untrusted JSON) to a copy of `doc`
 * and returns the patched copy. Throws JsonPatchError naming the first failing operation.
 */
export function applyJsonPatch(doc: unknown, ops: unknown): unknown {
  if (!Array.isArray(ops)) {
    throw new JsonPatchError({
      index: -1, op: null, path: null, reason: 'malformed_patch', message: 'a JSON Patch must be an array of operations',
    });
  }
  let document = cloneJson(doc);
  ops.forEach((raw: unknown, index) => {
    document = applyOperation(document, readOperation(raw, index), index);
  });
  return document;
}

function readOperation(raw: unknown, index: number): JsonPatchOperation {
  const step: Step = {
    index,
    op: isJsonObject(raw) && typeof raw.op === 'string' ? raw.op : null,
    path: isJsonObject(raw) && typeof raw.path === 'string' ? raw.path : null,
  };
  if (!isJsonObject(raw)) fail(step, 'malformed_op', 'an operation must be an object');
  if (step.op === null || !OPERATIONS.has(step.op)) {
    fail(step, 'malformed_op', `"op" must be one of add, remove, replace, move, copy, test`);
  }
  if (step.path === null) fail(step, 'malformed_op', '"path" must be a string');
  if (parsePointer(step.path) === null) fail(step, 'invalid_pointer', `"${step.path}" is not a JSON Pointer`);
  if (step.op === 'move' || step.op === 'copy') {
    if (typeof raw.from !== 'string') fail(step, 'malformed_op', '"from" must be a string');
    if (parsePointer(raw.from) === null) fail(step, 'invalid_pointer', `"from" "${raw.from}" is not a JSON Pointer`);
  }
  if ((step.op === 'add' || step.op === 'replace' || step.op === 'test') && !hasOwn(raw, 'value')) {
    fail(step, 'malformed_op', '"value" is required');
  }
  return raw as unknown as JsonPatchOperation;
}

function applyOperation(document: unknown, operation: JsonPatchOperation, index: number): unknown {
  const step: Step = { index, op: operation.op, path: operation.path };
  const path = parsePointer(operation.path) as string[];
  switch (operation.op) {
    case 'add':
      return addValue(document, path, cloneJson(operation.value), step);
    case 'remove':
      return removeValue(document, path, step);
    case 'replace':
      valueAt(document, path, step);
      return path.length === 0 ? cloneJson(operation.value) : addOrSet(document, path, cloneJson(operation.value), step, 'replace');
    case 'test':
      if (!jsonEqual(valueAt(document, path, step), operation.value)) {
        fail(step, 'test_failed', `the value at "${operation.path}" differs from the expected value`);
      }
      return document;
    case 'copy':
      return addValue(document, path, cloneJson(valueAt(document, fromTokens(operation.from), step, 'from')), step);
    case 'move':
      return moveValue(document, fromTokens(operation.from), path, step);
  }
}

function fromTokens(from: string): string[] {
  return parsePointer(from) as string[];
}

function moveValue(document: unknown, from: string[], path: string[], step: Step): unknown {
  const value = valueAt(document, from, step, 'from');
  const isProperDescendant = path.length > from.length && from.every((token, i) => token === path[i]);
  if (isProperDescendant) fail(step, 'move_into_descendant', 'a value cannot be moved into one of its own children');
  if (from.length === path.length && from.every((token, i) => token === path[i])) return document;
  return addValue(removeValue(document, from, step), path, value, step);
}

function addValue(document: unknown, path: string[], value: unknown, step: Step): unknown {
  return path.length === 0 ? value : addOrSet(document, path, value, step, 'add');
}

/** `add` inserts into arrays; `replace` overwrites an existing member or element. */
function addOrSet(document: unknown, path: string[], value: unknown, step: Step, mode: 'add' | 'replace'): unknown {
  const { container, token } = parentOf(document, path, step);
  if (Array.isArray(container)) {
    const position = mode === 'add' && token === '-' ? container.length : arrayIndex(container, token, step, mode === 'add');
    container.splice(position, mode === 'add' ? 0 : 1, value);
  } else {
    setOwn(container, token, value);
  }
  return document;
}

function removeValue(document: unknown, path: string[], step: Step): unknown {
  if (path.length === 0) fail(step, 'invalid_pointer', 'the whole document cannot be removed');
  const { container, token } = parentOf(document, path, step);
  if (Array.isArray(container)) {
    container.splice(arrayIndex(container, token, step, false), 1);
  } else {
    if (!hasOwn(container, token)) fail(step, 'path_not_found', `no member "${token}" at "${formatPointer(path)}"`);
    delete container[token];
  }
  return document;
}

/** Resolves every token but the last, which must land on an object or array. */
function parentOf(document: unknown, path: string[], step: Step): { container: Container; token: string } {
  const parent = valueAt(document, path.slice(0, -1), step);
  if (!Array.isArray(parent) && !isJsonObject(parent)) {
    fail(step, 'path_not_found', `"${formatPointer(path.slice(0, -1))}" is not an object or array`);
  }
  return { container: parent, token: path[path.length - 1] as string };
}

function valueAt(document: unknown, tokens: string[], step: Step, which: 'path' | 'from' = 'path'): unknown {
  let current = document;
  tokens.forEach((token, depth) => {
    const where = `${which} "${formatPointer(tokens.slice(0, depth + 1))}"`;
    if (Array.isArray(current)) {
      current = current[arrayIndex(current, token, step, false)];
    } else if (isJsonObject(current) && hasOwn(current, token)) {
      current = current[token];
    } else {
      fail(step, 'path_not_found', `${where} does not exist`);
    }
  });
  return current;
}

/** Parses an array index token; `allowEnd` admits length itself (an insertion point for add). */
function arrayIndex(array: unknown[], token: string, step: Step, allowEnd: boolean): number {
  if (token === '-') fail(step, 'index_out_of_range', '"-" names the position after the last element, which holds no value');
  if (!ARRAY_INDEX.test(token)) fail(step, 'path_not_found', `"${token}" is not an array index`);
  const index = Number(token);
  const limit = allowEnd ? array.length : array.length - 1;
  if (index > limit) fail(step, 'index_out_of_range', `index ${index} is beyond the array's length ${array.length}`);
  return index;
}
