// How the constructs read configuration. One construct tree serves two outputs:
// - ConcreteValues: plain manifests for one environment (values looked up, conditions decided);
// - TemplateValues: the Helm chart. Values become sentinels in the synthesized objects that
//   the chart writer (helm.ts) turns into template expressions, conditions become markers.
// The constructs never know which output they are producing, so the two cannot drift.
import type { MedgradeValues } from './values';

/** A condition on the values: a truthy path, a path equal to a literal, or any of several. */
export type Condition = { path: string } | { path: string; equals: string } | { any: Condition[] };

/** A value the chart cannot do without where it is used, and what to tell the operator. */
export interface RequiredValue { path: string; message: string }

export interface Values {
  readonly namespace: string;
  readonly releaseName: string;
  /** Value of app.kubernetes.io/managed-by. */
  readonly managedBy: string;
  /** A value used as a whole YAML string (ints and booleans are rendered as strings). */
  text(path: string): string;
  /**
   * Text that must not be empty where it is used: the chart stops with the message (Helm's
   * `required`); for plain manifests semanticProblems() checks the same rule beforehand.
   */
  required(value: RequiredValue): string;
  /** A text value that falls back to another path when empty (per-service image overrides). */
  textOr(path: string, fallbackPath: string): string;
  /** An integer field; the chart renders it unquoted. */
  int(path: string): number;
  /** A whole object or list taken from the values as is (resources, affinity, ...). */
  object<T>(path: string): T;
  /** List items appended from a values list (extraEnv); may be empty. */
  items<T>(path: string): T[];
  /** Text chosen by a condition, e.g. the redis:// or rediss:// scheme. */
  choose(cond: Condition, whenTrue: string, whenFalse: string): string;
  /** Map entries that exist only under a condition. */
  entries<T>(cond: Condition, entries: Record<string, T>): Record<string, T>;
  /** List items that exist only under a condition. */
  listItems<T extends object>(cond: Condition, items: T[]): T[];
  /** Whether to build something: concrete output decides, the chart builds it and remembers the condition. */
  build(cond: Condition, make: () => void): void;
}

function lookup(values: unknown, path: string): unknown {
  let cur = values;
  for (const part of path.split('.')) {
    if (typeof cur !== 'object' || cur === null || !(part in cur)) throw new Error(`no value at "${path}"`);
    cur = (cur as Record<string, unknown>)[part];
  }
  return cur;
}

function truthy(v: unknown): boolean {
  if (Array.isArray(v)) return v.length > 0;
  if (typeof v === 'object' && v !== null) return Object.keys(v).length > 0;
  return Boolean(v);
}

export function evaluate(values: unknown, cond: Condition): boolean {
  if ('any' in cond) return cond.any.some((c) => evaluate(values, c));
  const v = lookup(values, cond.path);
  if ('equals' in cond) return v === cond.equals;
  return truthy(v);
}

export class ConcreteValues implements Values {
  readonly managedBy = 'cdk8s';
  constructor(private readonly v: MedgradeValues, readonly namespace: string, readonly releaseName = 'medgrade') {}
  text(path: string): string { return String(lookup(this.v, path)); }
  required(value: RequiredValue): string { return this.text(value.path); }
  textOr(path: string, fallbackPath: string): string { return this.text(path) || this.text(fallbackPath); }
  int(path: string): number {
    const n = lookup(this.v, path);
    if (!Number.isInteger(n)) throw new Error(`value at "${path}" must be an integer`);
    return n as number;
  }
  object<T>(path: string): T { return structuredClone(lookup(this.v, path)) as T; }
  items<T>(path: string): T[] { return this.object<T[]>(path); }
  choose(cond: Condition, whenTrue: string, whenFalse: string): string { return evaluate(this.v, cond) ? whenTrue : whenFalse; }
  entries<T>(cond: Condition, entries: Record<string, T>): Record<string, T> { return evaluate(this.v, cond) ? entries : {}; }
  listItems<T extends object>(cond: Condition, items: T[]): T[] { return evaluate(this.v, cond) ? items : []; }
  build(cond: Condition, make: () => void): void { if (evaluate(this.v, cond)) make(); }
}

// Sentinels. Strings use @@kind:index@@ (s text, r required text, d text with fallback, t chosen text,
// y object, l list items, if conditional entry; ns/rel/svc the release fields). Integers use
// a reserved numeric range so that cdk8s-plus can still validate and compare them
// (minReplicas <= maxReplicas holds because indices grow in call order).
export const INT_SENTINEL_BASE = 987_650_000;

export class TemplateValues implements Values {
  readonly namespace = '@@ns@@';
  readonly releaseName = '@@rel@@';
  readonly managedBy = '@@svc@@';
  /** Index → value path, for text (s), object (y), list items (l) and int sentinels. */
  readonly paths: string[] = [];
  /** Index → [path, fallback path] for text with a fallback (d). */
  readonly fallbacks: [string, string][] = [];
  /** Index → value that must be set (r). */
  readonly requiredValues: RequiredValue[] = [];
  /** Index → condition for conditional markers (if) and whole objects. */
  readonly conditions: Condition[] = [];
  /** Index → [condition, whenTrue, whenFalse] for chosen text (t). */
  readonly choices: [Condition, string, string][] = [];
  private building = false;
  /** ApiObject node paths → condition index, filled by build(). */
  readonly objectConditions = new Map<string, number>();

  constructor(private readonly defaults: MedgradeValues, private readonly conditionalRoots: () => string[]) {}

  private path(p: string): number {
    lookup(this.defaults, p); // fail early on a typo
    this.paths.push(p);
    return this.paths.length - 1;
  }
  /** Fails early on a typo in a condition's paths. */
  private check(c: Condition): void {
    if ('any' in c) c.any.forEach((one) => this.check(one));
    else lookup(this.defaults, c.path);
  }
  private condition(c: Condition): number {
    this.check(c);
    this.conditions.push(c);
    return this.conditions.length - 1;
  }
  text(path: string): string { return `@@s:${this.path(path)}@@`; }
  required(value: RequiredValue): string {
    lookup(this.defaults, value.path);
    return `@@r:${this.requiredValues.push(value) - 1}@@`;
  }
  textOr(path: string, fallbackPath: string): string {
    lookup(this.defaults, path);
    lookup(this.defaults, fallbackPath);
    this.fallbacks.push([path, fallbackPath]);
    return `@@d:${this.fallbacks.length - 1}@@`;
  }
  int(path: string): number { return INT_SENTINEL_BASE + this.path(path); }
  object<T>(path: string): T { return `@@y:${this.path(path)}@@` as unknown as T; }
  items<T>(path: string): T[] { return [`@@l:${this.path(path)}@@` as unknown as T]; }
  choose(cond: Condition, whenTrue: string, whenFalse: string): string {
    this.check(cond);
    this.choices.push([cond, whenTrue, whenFalse]);
    return `@@t:${this.choices.length - 1}@@`;
  }
  entries<T>(cond: Condition, entries: Record<string, T>): Record<string, T> {
    const marker = `@@if:${this.condition(cond)}@@`;
    return Object.fromEntries(Object.entries(entries).map(([k, v]) => [marker + k, v]));
  }
  listItems<T extends object>(cond: Condition, items: T[]): T[] {
    return items.map((item) => {
      const marker = `@@if:${this.condition(cond)}@@`;
      // The marker goes on the item's first key; cdk8s sorts keys and '@' sorts before letters.
      const [first, ...rest] = Object.entries(item);
      if (!first) throw new Error('a conditional list item needs at least one field');
      return Object.fromEntries([[marker + first[0], first[1]], ...rest]) as T;
    });
  }
  build(cond: Condition, make: () => void): void {
    if (this.building) throw new Error('conditional objects cannot nest');
    const index = this.condition(cond);
    const before = new Set(this.conditionalRoots());
    this.building = true;
    try { make(); } finally { this.building = false; }
    for (const node of this.conditionalRoots()) if (!before.has(node)) this.objectConditions.set(node, index);
  }
}
