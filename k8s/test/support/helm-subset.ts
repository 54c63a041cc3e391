// A renderer for exactly the Helm template subset the generated chart may use, with
// Helm's semantics for it. Anything outside the subset is an error, so a template that
// renders here uses nothing this file does not implement:
//   output:     {{ PIPELINE }}  with PIPELINE = ARG ( | quote | default ARG | nindent N )*
//                              or toYaml ARG | nindent N
//   arguments:  .Values.a.b   .Release.Name   .Release.Namespace   .Release.Service   "string"
//   control:    {{ if COND }} ... [{{ else }} ...] {{ end }}, COND = ARG | eq ARG ARG | ne ARG ARG
//   trimming:   {{- trims whitespace before, -}} trims whitespace after.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';

export interface RenderContext {
  Values: unknown;
  Release: { Name: string; Namespace: string; Service: string };
}

type Node =
  | { type: 'text'; text: string }
  | { type: 'output'; pipeline: string }
  | { type: 'if'; cond: string; then: Node[]; else: Node[] };

interface Action { body: string; trimLeft: boolean; trimRight: boolean }

function tokenize(src: string): (string | Action)[] {
  const out: (string | Action)[] = [];
  let pos = 0;
  while (pos < src.length) {
    const open = src.indexOf('{{', pos);
    if (open < 0) { out.push(src.slice(pos)); break; }
    const close = src.indexOf('}}', open);
    if (close < 0) throw new Error(`unclosed action at offset ${open}`);
    out.push(src.slice(pos, open));
    let inner = src.slice(open + 2, close);
    const trimLeft = /^- /.test(inner);
    const trimRight = / -$/.test(inner);
    if (trimLeft) inner = inner.slice(2);
    if (trimRight) inner = inner.slice(0, -2);
    if (/^-|-$/.test(inner.trim())) throw new Error(`trim marker without a space: {{${src.slice(open + 2, close)}}}`);
    out.push({ body: inner.trim(), trimLeft, trimRight });
    pos = close + 2;
  }
  // Apply trimming to the neighbouring text.
  for (let i = 0; i < out.length; i++) {
    const t = out[i];
    if (t === undefined || typeof t === 'string') continue;
    if (t.trimLeft && typeof out[i - 1] === 'string') out[i - 1] = (out[i - 1] as string).replace(/\s+$/, '');
    if (t.trimRight && typeof out[i + 1] === 'string') out[i + 1] = (out[i + 1] as string).replace(/^\s+/, '');
  }
  return out;
}

function parseNodes(tokens: (string | Action)[]): Node[] {
  let i = 0;
  const block = (terminators: string[]): { nodes: Node[]; end: string } => {
    const nodes: Node[] = [];
    while (i < tokens.length) {
      const t = tokens[i++]!;
      if (typeof t === 'string') { if (t) nodes.push({ type: 'text', text: t }); continue; }
      const [word] = t.body.split(/\s+/);
      if (word === 'if') {
        const cond = t.body.slice(2).trim();
        const thenPart = block(['else', 'end']);
        const elsePart = thenPart.end === 'else' ? block(['end']) : { nodes: [] };
        nodes.push({ type: 'if', cond, then: thenPart.nodes, else: elsePart.nodes });
      } else if (word === 'else' || word === 'end') {
        if (t.body !== word) throw new Error(`unsupported action {{ ${t.body} }}`);
        if (!terminators.includes(word)) throw new Error(`unexpected {{ ${word} }}`);
        return { nodes, end: word };
      } else {
        nodes.push({ type: 'output', pipeline: t.body });
      }
    }
    if (terminators.length > 0) throw new Error(`missing {{ ${terminators.join(' / ')} }}`);
    return { nodes, end: '' };
  };
  return block([]).nodes;
}

/** Go template emptiness, which Helm's if and default use. */
export function isEmpty(v: unknown): boolean {
  if (v === null || v === undefined || v === false || v === 0 || v === '') return true;
  if (Array.isArray(v)) return v.length === 0;
  if (typeof v === 'object') return Object.keys(v).length === 0;
  return false;
}

function words(expr: string): string[] {
  const out: string[] = [];
  const re = /"((?:[^"\\]|\\.)*)"|(\S+)/g;
  for (let m = re.exec(expr); m; m = re.exec(expr)) out.push(m[1] !== undefined ? `"${m[1]}"` : m[2]!);
  return out;
}

function argument(word: string, ctx: RenderContext): unknown {
  if (word.startsWith('"')) return JSON.parse(word);
  if (/^\d+$/.test(word)) return Number(word);
  const release = /^\.Release\.(Name|Namespace|Service)$/.exec(word);
  if (release) return ctx.Release[release[1] as 'Name' | 'Namespace' | 'Service'];
  const values = /^\.Values((?:\.[A-Za-z_][A-Za-z0-9_]*)+)$/.exec(word);
  if (!values) throw new Error(`unsupported argument "${word}"`);
  let cur: unknown = ctx.Values;
  for (const key of values[1]!.slice(1).split('.')) {
    if (typeof cur !== 'object' || cur === null || !(key in cur)) throw new Error(`${word} is not set in the values`);
    cur = (cur as Record<string, unknown>)[key];
  }
  return cur;
}

function toYaml(v: unknown): string {
  return stringify(v, { sortMapEntries: true, lineWidth: 0 }).replace(/\n$/, '');
}

function compare(op: string, a: unknown, b: unknown): boolean {
  if (typeof a !== typeof b) throw new Error(`${op}: incompatible types ${typeof a} and ${typeof b}`);
  return op === 'eq' ? a === b : a !== b;
}

function evaluatePipeline(pipeline: string, ctx: RenderContext): unknown {
  const commands = pipeline.split('|').map((c) => words(c.trim()));
  const [first, ...rest] = commands;
  if (!first || first.length === 0) throw new Error(`empty pipeline "${pipeline}"`);
  let value: unknown;
  const [fn, ...args] = first;
  if (fn === 'toYaml' && args.length === 1) value = toYaml(argument(args[0]!, ctx));
  else if ((fn === 'eq' || fn === 'ne') && args.length === 2) value = compare(fn, argument(args[0]!, ctx), argument(args[1]!, ctx));
  else if (first.length === 1) value = argument(fn!, ctx);
  else throw new Error(`unsupported command "${first.join(' ')}"`);
  for (const [name, ...params] of rest) {
    if (name === 'quote' && params.length === 0) value = JSON.stringify(printable(value));
    else if (name === 'default' && params.length === 1) value = isEmpty(value) ? argument(params[0]!, ctx) : value;
    else if (name === 'nindent' && params.length === 1 && /^\d+$/.test(params[0]!)) {
      const pad = ' '.repeat(Number(params[0]));
      value = `\n${String(printable(value)).split('\n').map((l) => pad + l).join('\n')}`;
    } else throw new Error(`unsupported function "${[name, ...params].join(' ')}"`);
  }
  return value;
}

function printable(v: unknown): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  throw new Error(`cannot print ${v === null ? 'null' : typeof v} as text (use toYaml)`);
}

function condition(cond: string, ctx: RenderContext): boolean {
  const w = words(cond);
  if (w.length === 1 || w[0] === 'eq' || w[0] === 'ne') return !isEmpty(evaluatePipeline(cond, ctx));
  throw new Error(`unsupported condition "${cond}"`);
}

function run(nodes: Node[], ctx: RenderContext): string {
  return nodes.map((n) => {
    if (n.type === 'text') return n.text;
    if (n.type === 'output') return printable(evaluatePipeline(n.pipeline, ctx));
    return run(condition(n.cond, ctx) ? n.then : n.else, ctx);
  }).join('');
}

export function renderTemplate(src: string, ctx: RenderContext): string {
  return run(parseNodes(tokenize(src)), ctx);
}

function isMap(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Helm's values coalescing: maps merge, other values replace. */
export function mergeValues(base: unknown, override: unknown): unknown {
  if (!isMap(base) || !isMap(override)) return override === undefined ? base : override;
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(override)) out[k] = mergeValues(base[k], v);
  return out;
}

export interface RenderedChart {
  values: unknown;
  /** Template file name → rendered objects (empty when switched off). */
  objects: Map<string, Record<string, any>[]>;
  notes: string;
}

export function renderChart(chartDir: string, valueFiles: string[], release = { Name: 'medgrade', Namespace: 'medgrade' }): RenderedChart {
  let values: unknown = parse(readFileSync(join(chartDir, 'values.yaml'), 'utf8'));
  for (const f of valueFiles) values = mergeValues(values, parse(readFileSync(f, 'utf8')) ?? {});
  const ctx: RenderContext = { Values: values, Release: { ...release, Service: 'Helm' } };
  const objects = new Map<string, Record<string, any>[]>();
  const dir = join(chartDir, 'templates');
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.yaml')).sort()) {
    const text = renderTemplate(readFileSync(join(dir, file), 'utf8'), ctx);
    try {
      objects.set(file, text.split(/^---$/m).map((d) => parse(d)).filter((d) => d !== null && d !== undefined));
    } catch (e) {
      throw new Error(`${file} does not render to valid YAML: ${(e as Error).message}\n${text}`);
    }
  }
  return { values, objects, notes: renderTemplate(readFileSync(join(dir, 'NOTES.txt'), 'utf8'), ctx) };
}
