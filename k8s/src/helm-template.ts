// Turns a synthesized object that carries TemplateValues sentinels into a Helm template.
// The tests render the result with the real Helm. The writer emits:
//   {{ .Values.a.b }}  {{ .Release.Name }}  {{ .Release.Namespace }}  {{ .Release.Service }}
//   ... | quote      ... | default .Values.x      ... | int      required "why" .Values.x
//   toYaml .Values.x | nindent N
//   include "medgrade.labels" / "medgrade.selectorLabels" (_helpers.tpl) for every label map
//   {{ if COND }} / {{ else }} / {{ end }} with COND = .Values.x | eq .Values.x "lit" | or (COND) (COND)
//   and the whitespace-trimming forms {{- ... }}.
import { isDeepStrictEqual } from 'node:util';
import { stringify } from 'yaml';
import { NAME_PREFIX, commonLabels, selectorLabels } from './labels';
import { INT_SENTINEL_BASE, type Condition, type TemplateValues } from './render';

const INT_RANGE = /\b98765\d{4}\b/g;
const IF_MARKER = /@@if:(\d+)@@/;
const OBJECT_LINE = /^(\s*)([^\s].*?): "@@y:(\d+)@@"$/;
const INCLUDE_LINE = /^(\s*)([^\s].*?): "@@inc:(\d+)@@"$/;
const ITEMS_LINE = /^(\s*)- "@@l:(\d+)@@"$/;
const DOUBLE_QUOTED = /"((?:[^"\\]|\\.)*)"/g;
const SCALAR_SENTINEL = /@@(s|r|d|t):(\d+)@@|@@(ns|rel|svc)@@/g;

export function conditionExpr(c: Condition): string {
  if ('any' in c) return `or ${c.any.map((one) => `(${conditionExpr(one)})`).join(' ')}`;
  const ref = `.Values.${c.path}`;
  if ('equals' in c) return `eq ${ref} ${JSON.stringify(c.equals)}`;
  return ref;
}

const RELEASE: Record<string, string> = { ns: '.Release.Namespace', rel: '.Release.Name', svc: '.Release.Service' };

const isMap = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export class TemplateWriter {
  /** Index → include expression, for the label maps of the object being written. */
  private includes: string[] = [];

  constructor(private readonly tv: TemplateValues) {}

  /** The _helpers.tpl call that writes `map`, when it is exactly one of the label sets of labels.ts. */
  private labelInclude(map: Record<string, unknown>): string | undefined {
    const name = map['app.kubernetes.io/name'];
    const role = map['app.kubernetes.io/component'];
    if (typeof name !== 'string' || !name.startsWith(NAME_PREFIX)) return undefined;
    const component = name.slice(NAME_PREFIX.length);
    const q = JSON.stringify;
    if (isDeepStrictEqual(map, selectorLabels(this.tv, component))) {
      return `include "medgrade.selectorLabels" (dict "component" ${q(component)} "context" $)`;
    }
    if (typeof role === 'string' && isDeepStrictEqual(map, commonLabels(this.tv, component, role))) {
      return `include "medgrade.labels" (dict "component" ${q(component)} "role" ${q(role)} "context" $)`;
    }
    return undefined;
  }

  /** A copy of `value` with every label map replaced by an include sentinel. */
  private withIncludes(value: unknown): unknown {
    if (Array.isArray(value)) return value.map((v) => this.withIncludes(v));
    if (!isMap(value)) return value;
    const include = this.labelInclude(value);
    if (include) return `@@inc:${this.includes.push(include) - 1}@@`;
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, this.withIncludes(v)]));
  }

  private path(index: string): string {
    const p = this.tv.paths[Number(index)];
    if (p === undefined) throw new Error(`unknown value sentinel ${index}`);
    return p;
  }

  /** The expression for a scalar sentinel, without output braces. */
  private scalarExpr(kind: string | undefined, index: string | undefined, release: string | undefined): string {
    if (release) return RELEASE[release]!;
    if (kind === 's') return `.Values.${this.path(index!)}`;
    if (kind === 'r') {
      const { path, message } = this.tv.requiredValues[Number(index)]!;
      return `required ${JSON.stringify(message)} .Values.${path}`;
    }
    if (kind === 'd') {
      const [own, fallback] = this.tv.fallbacks[Number(index)]!;
      return `.Values.${own} | default .Values.${fallback}`;
    }
    throw new Error(`sentinel @@${kind}:${index}@@ is not a scalar expression`);
  }

  private choice(index: string): string {
    const [cond, a, b] = this.tv.choices[Number(index)]!;
    return `{{ if ${conditionExpr(cond)} }}${a}{{ else }}${b}{{ end }}`;
  }

  /** Rewrites every double-quoted scalar that holds sentinels. */
  private scalars(line: string): string {
    return line.replace(DOUBLE_QUOTED, (quoted, body: string) => {
      if (!body.includes('@@')) return quoted;
      const whole = /^@@(?:(s|r|d):(\d+)|(ns|rel|svc))@@$/.exec(body);
      if (whole) return `{{ ${this.scalarExpr(whole[1], whole[2], whole[3])} | quote }}`;
      const inner = body.replace(SCALAR_SENTINEL, (_m, kind: string | undefined, index: string | undefined, release: string | undefined) =>
        kind === 't' ? this.choice(index!) : `{{ ${this.scalarExpr(kind, index, release)} }}`);
      return `"${inner}"`;
    });
  }

  // `int`: Helm reads numbers in values files as floats and prints 1000000 as 1e+06.
  private ints(line: string): string {
    return line.replace(INT_RANGE, (n) => `{{ .Values.${this.path(String(Number(n) - INT_SENTINEL_BASE))} | int }}`);
  }

  private objects(line: string): string {
    const include = INCLUDE_LINE.exec(line);
    if (include) return `${include[1]}${include[2]}: {{- ${this.includes[Number(include[3])]} | nindent ${include[1]!.length + 2} }}`;
    const obj = OBJECT_LINE.exec(line);
    if (obj) return `${obj[1]}${obj[2]}: {{- toYaml .Values.${this.path(obj[3]!)} | nindent ${obj[1]!.length + 2} }}`;
    const items = ITEMS_LINE.exec(line);
    if (items) {
      const ref = `.Values.${this.path(items[2]!)}`;
      return `${items[1]}{{- if ${ref} }}{{- toYaml ${ref} | nindent ${items[1]!.length} }}{{- end }}`;
    }
    return line;
  }

  /**
   * Wraps each entry or list item that carries an @@if marker in {{- if }} ... {{- end }};
   * neighbours under the same condition share one block.
   */
  private conditionals(lines: string[]): string[] {
    const out: string[] = [];
    let open: { indent: number; expr: string } | null = null;
    for (const line of lines) {
      const indent = line.length - line.trimStart().length;
      const marker = IF_MARKER.exec(line);
      const expr = marker ? conditionExpr(this.tv.conditions[Number(marker[1])]!) : null;
      if (open && indent <= open.indent && !(expr === open.expr && indent === open.indent)) {
        out.push(`${' '.repeat(open.indent)}{{- end }}`);
        open = null;
      }
      if (!marker || !expr) { out.push(line); continue; }
      if (open && indent > open.indent) throw new Error(`nested conditional entries are not supported: ${line.trim()}`);
      if (!open) out.push(`${' '.repeat(indent)}{{- if ${expr} }}`);
      // Without its marker a key is plain again: drop the quotes YAML needed for the '@'.
      out.push(line.replace(IF_MARKER, '').replace(/^(\s*(?:- )?)"([A-Za-z0-9_./-]+)":/, '$1$2:'));
      open = { indent, expr };
    }
    if (open) out.push(`${' '.repeat(open.indent)}{{- end }}`);
    return out;
  }

  /** The template text of one object; whole-object conditions wrap the document. */
  write(manifest: Record<string, unknown>, condition?: number): string {
    this.includes = [];
    const yaml = stringify(this.withIncludes(manifest), { defaultStringType: 'QUOTE_DOUBLE', defaultKeyType: 'PLAIN', lineWidth: 0 });
    const lines = this.conditionals(yaml.trimEnd().split('\n')).map((l) => this.objects(this.ints(this.scalars(l))));
    const text = lines.join('\n');
    const leftover = /@@[a-z]+(:\d+)?@@/.exec(text);
    if (leftover) throw new Error(`sentinel ${leftover[0]} left in the template of ${String((manifest.metadata as { name?: string })?.name)}`);
    if (condition === undefined) return `${text}\n`;
    return `{{- if ${conditionExpr(this.tv.conditions[condition]!)} }}\n${text}\n{{- end }}\n`;
  }
}
