// The rubric's JSON shape: which fields exist, their JSON types and which are optional.
// Checking it first lets validateRubric take any untrusted JSON value.

import { childPointer, hasOwn, isJsonObject } from '../edit/json-pointer';
import type { IssueCollector } from './issues';

type Scalar = 'string' | 'number' | 'boolean' | 'string_or_null';
interface ArrayShape {
  items: Shape;
}
interface ObjectShape {
  fields: Record<string, Shape | Optional>;
}
interface Optional {
  optional: Shape;
}
type Shape = Scalar | ArrayShape | ObjectShape;

const optional = (shape: Shape): Optional => ({ optional: shape });
const object = (fields: Record<string, Shape | Optional>): ObjectShape => ({ fields });
const arrayOf = (items: Shape): ArrayShape => ({ items });

const PENALTY_RULE = object({ kind: 'string', section: optional('string'), first: optional('string'), then: optional('string') });

export const RUBRIC_SHAPE: ObjectShape = object({
  rubric_id: 'string',
  version: 'string',
  title: optional('string'),
  status: optional('string'),
  created_at: optional('string'),
  updated_at: optional('string'),
  weights: object({ structure: 'number', key_questions: 'number', reasoning: 'number', summary: 'number', communication: 'number' }),
  structure: object({
    anchor: 'string',
    expected_order: arrayOf('string'),
    penalties: arrayOf(object({ id: 'string', anchor: 'string', description: 'string', value: 'number', rule: optional(PENALTY_RULE) })),
  }),
  key_questions: arrayOf(
    object({ id: 'string', anchor: 'string', label: 'string', critical: 'boolean', phrases: optional(arrayOf('string')) }),
  ),
  key_questions_policy: object({
    anchor: 'string',
    critical_weight: 'number',
    noncritical_weight: 'number',
    coverage_threshold: 'number',
  }),
  reasoning: object({
    anchor: 'string',
    required_links: arrayOf(object({ id: 'string', anchor: 'string', description: 'string', pattern: 'string' })),
    major_gap_penalty: 'number',
  }),
  summary: object({
    anchor: 'string',
    max_tokens: 'number',
    overflow_divisor: 'number',
    required_elements: arrayOf(object({ id: 'string', anchor: 'string', description: 'string', pattern: 'string_or_null' })),
  }),
  communication: object({
    anchor: 'string',
    weight: 'number',
    rules: arrayOf(object({ id: 'string', anchor: 'string', description: optional('string'), pattern: optional('string_or_null') })),
  }),
});

/** Reports missing fields, wrong types and unknown fields below `pointer`. */
export function checkShape(value: unknown, shape: Shape, pointer: string, issues: IssueCollector): void {
  if (typeof shape === 'string') {
    if (!matchesScalar(value, shape)) issues.add('invalid_type', pointer, `expected ${describe(shape)}, found ${jsonTypeOf(value)}`);
  } else if ('items' in shape) {
    if (!Array.isArray(value)) issues.add('invalid_type', pointer, `expected an array, found ${jsonTypeOf(value)}`);
    else value.forEach((item, i) => checkShape(item, shape.items, childPointer(pointer, i), issues));
  } else {
    checkObject(value, shape, pointer, issues);
  }
}

function checkObject(value: unknown, shape: ObjectShape, pointer: string, issues: IssueCollector): void {
  if (!isJsonObject(value)) {
    issues.add('invalid_type', pointer, `expected an object, found ${jsonTypeOf(value)}`);
    return;
  }
  for (const [name, field] of Object.entries(shape.fields)) {
    const isOptional = typeof field === 'object' && 'optional' in field;
    const fieldShape = isOptional ? (field as Optional).optional : (field as Shape);
    if (hasOwn(value, name)) checkShape(value[name], fieldShape, childPointer(pointer, name), issues);
    else if (!isOptional) issues.add('missing_field', childPointer(pointer, name), `required field "${name}" is missing`);
  }
  for (const name of Object.keys(value)) {
    if (!hasOwn(shape.fields, name)) issues.add('unknown_field', childPointer(pointer, name), `"${name}" is not a rubric field and is ignored`);
  }
}

function matchesScalar(value: unknown, kind: Scalar): boolean {
  switch (kind) {
    case 'string':
      return typeof value === 'string';
    case 'string_or_null':
      return value === null || typeof value === 'string';
    case 'number':
      return typeof value === 'number' && Number.isFinite(value);
    case 'boolean':
      return typeof value === 'boolean';
  }
}

function describe(kind: Scalar): string {
  return kind === 'string_or_null' ? 'a string or null' : kind === 'number' ? 'a finite number' : `a ${kind}`;
}

export function jsonTypeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'number' && !Number.isFinite(value)) return 'a non-finite number';
  return `a ${typeof value}`;
}
