// RFC 6901 JSON Pointers: parsing, formatting, and JSON-value helpers shared by the
// patch engine, the QA validator and the edit planner.

export type JsonObject = { [key: string]: unknown };

/** Splits a pointer into unescaped reference tokens; null when the text is not a pointer. */
export function parsePointer(pointer: string): string[] | null {
  if (pointer === '') return [];
  if (!pointer.startsWith('/')) return null;
  const tokens = pointer.slice(1).split('/');
  // `~` may only introduce `~0` or `~1`.
  if (tokens.some((token) => /~(?![01])/.test(token))) return null;
  return tokens.map((token) => token.replace(/~1/g, '/').replace(/~0/g, '~'));
}

export function escapeToken(token: string): string {
  if (!token.includes('~') && !token.includes('/')) return token;
  return token.replace(/~/g, '~0').replace(/\//g, '~1');
}

/** Builds a pointer from raw (unescaped) tokens. */
export function formatPointer(tokens: readonly (string | number)[]): string {
  return tokens.map((token) => '/' + escapeToken(String(token))).join('');
}

/** Appends raw tokens to an existing pointer. */
export function childPointer(pointer: string, ...tokens: (string | number)[]): string {
  return pointer + formatPointer(tokens);
}

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function hasOwn(object: JsonObject, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(object, key);
}

/**
 * Writes an own data property. Plain assignment would treat a key such as `__proto__`
 * as the prototype setter; JSON documents may legitimately carry such keys.
 */
export function setOwn(object: JsonObject, key: string, value: unknown): void {
  Object.defineProperty(object, key, { value, writable: true, enumerable: true, configurable: true });
}

/** Deep copy of a JSON value (own enumerable keys only, `__proto__` kept as data). */
export function cloneJson<T>(value: T): T {
  if (Array.isArray(value)) return value.map((item) => cloneJson(item)) as T;
  if (isJsonObject(value)) {
    const copy: JsonObject = {};
    for (const key of Object.keys(value)) {
      // Plain assignment is much faster; only `__proto__` needs defining as data.
      if (key === '__proto__') setOwn(copy, key, cloneJson(value[key]));
      else copy[key] = cloneJson(value[key]);
    }
    return copy as T;
  }
  return value;
}

/** Structural equality of JSON values: member order ignored, array order significant. */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((item, i) => jsonEqual(item, b[i]));
  }
  if (isJsonObject(a) && isJsonObject(b)) {
    const keys = Object.keys(a);
    if (keys.length !== Object.keys(b).length) return false;
    return keys.every((key) => hasOwn(b, key) && jsonEqual(a[key], b[key]));
  }
  return false;
}

/** Compares pointers token by token, numeric tokens by value, so `/q/2` sorts before `/q/10`. */
export function comparePointers(a: string, b: string): number {
  const left = parsePointer(a) ?? [a];
  const right = parsePointer(b) ?? [b];
  for (let i = 0; i < Math.min(left.length, right.length); i++) {
    const order = compareTokens(left[i] as string, right[i] as string);
    if (order !== 0) return order;
  }
  return left.length - right.length;
}

function compareTokens(a: string, b: string): number {
  const numeric = /^\d+$/;
  if (numeric.test(a) && numeric.test(b)) return Number(a) - Number(b);
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The value a pointer designates, or undefined when it designates nothing. */
export function readPointer(document: unknown, pointer: string): unknown {
  const tokens = parsePointer(pointer);
  if (tokens === null) return undefined;
  let current = document;
  for (const token of tokens) {
    if (Array.isArray(current) && /^(0|[1-9][0-9]*)$/.test(token)) current = current[Number(token)];
    else if (isJsonObject(current) && hasOwn(current, token)) current = current[token];
    else return undefined;
  }
  return current;
}
