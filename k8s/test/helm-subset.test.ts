import { strict as assert } from 'node:assert';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../src/synth';
import { mergeValues, renderTemplate, type RenderContext } from './support/helm-subset';

const ctx: RenderContext = {
  Values: {
    name: 'x"y', port: 5432, on: true, off: false, empty: '', list: [], res: { requests: { memory: '128Mi', cpu: '50m' } },
    svc: { image: { tag: '' } }, image: { tag: '1.0' }, mode: 'iam', env: [{ name: 'A', value: '1' }],
  },
  Release: { Name: 'rel', Namespace: 'ns', Service: 'Helm' },
};
const render = (src: string) => renderTemplate(src, ctx);

describe('Helm template subset renderer', () => {
  it('prints values, release fields and quoted strings', () => {
    assert.equal(render('{{ .Values.port }}/{{ .Release.Name }}.{{ .Release.Namespace }}'), '5432/rel.ns');
    assert.equal(render('a: {{ .Values.name | quote }}'), 'a: "x\\"y"');
    assert.equal(render('{{ .Values.port | quote }}'), '"5432"');
    assert.equal(render('{{ .Release.Service }}'), 'Helm');
  });

  it('applies default to empty values only', () => {
    assert.equal(render('{{ .Values.svc.image.tag | default .Values.image.tag }}'), '1.0');
    assert.equal(render('{{ .Values.image.tag | default .Values.name }}'), '1.0');
  });

  it('renders toYaml with nindent as a nested block', () => {
    assert.equal(render('r: {{- toYaml .Values.res | nindent 2 }}'), 'r:\n  requests:\n    cpu: 50m\n    memory: 128Mi');
    assert.equal(render('l: {{- toYaml .Values.list | nindent 2 }}'), 'l:\n  []');
  });

  it('follows Go truthiness and eq/ne in if/else', () => {
    assert.equal(render('{{ if .Values.on }}a{{ else }}b{{ end }}'), 'a');
    assert.equal(render('{{ if .Values.off }}a{{ else }}b{{ end }}'), 'b');
    assert.equal(render('{{ if .Values.empty }}a{{ end }}{{ if .Values.list }}b{{ end }}'), '');
    assert.equal(render('{{ if eq .Values.mode "iam" }}i{{ end }}{{ if ne .Values.mode "iam" }}p{{ end }}'), 'i');
  });

  it('trims whitespace on the marked side only', () => {
    assert.equal(render('a\n  {{- if .Values.on }}\n  b\n  {{- end }}\nc'), 'a\n  b\nc');
    assert.equal(render('a\n  {{- if .Values.off }}\n  b\n  {{- end }}\nc'), 'a\nc');
    assert.equal(render('a {{ .Values.port -}}   b'), 'a 5432b');
  });

  it('rejects everything outside the subset', () => {
    const outside = [
      '{{ range .Values.list }}x{{ end }}', '{{ include "x" . }}', '{{ with .Values.res }}x{{ end }}', '{{ .Values.name | upper }}',
      '{{ if .Values.on }}a{{ else if .Values.off }}b{{ end }}', '{{/* note */}}', '{{ .Values.a-b }}', '{{ $x := 1 }}',
      '{{ printf "%s" .Values.name }}', '{{ .Values.missing }}', '{{ .Values.res }}', '{{ .Chart.Name }}', '{{ if .Values.on }}a',
      '{{ end }}', '{{ eq .Values.port "5432" }}', '{{ toYaml .Values.res | indent 2 }}', '{{-.Values.port}}', '{{ .Values.port',
    ];
    for (const src of outside) assert.throws(() => render(src), Error, src);
  });

  it('merges values like Helm: maps key by key, lists replaced', () => {
    assert.deepEqual(mergeValues({ a: { b: 1, c: [1, 2] }, d: 1 }, { a: { c: [3] }, e: 2 }), { a: { b: 1, c: [3] }, d: 1, e: 2 });
  });

  it('is what every generated template is written in', () => {
    const templates = join(REPO_ROOT, 'charts', 'medgrade', 'templates');
    const actions = readdirSync(templates).flatMap((f) => readFileSync(join(templates, f), 'utf8').match(/\{\{.*?\}\}/g) ?? []);
    assert.ok(actions.length > 100);
    const allowed = /^\{\{-? (if (eq |ne )?\.Values\.[\w.]+( "[^"]*")?|else|end|toYaml \.Values\.[\w.]+ \| nindent \d+|\.(Values\.[\w.]+|Release\.(Name|Namespace|Service))( \| default \.Values\.[\w.]+)?( \| quote)?) -?\}\}$/;
    assert.deepEqual(actions.filter((a) => !allowed.test(a)), []);
  });
});
