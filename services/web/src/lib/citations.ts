import type { RubricJson } from './types';

// A rubric citation is rubric://<rubric_id>#<anchor>; the app shows the anchor with the words
// of the rubric item that carries it. Student citations read
// student://oral#<start>–<end>, student://oral#L<a>–L<b> or student://summary#tokens=<n>.

/** How a student citation reads: "00:10–00:13", "lines 4–6" or "written summary". */
export function studentCitationLabel(citation: string): string {
  if (citation.startsWith('student://summary#')) return 'written summary';
  const span = citation.slice(citation.indexOf('#') + 1);
  const lines = /^L(\d+)\u2013L(\d+)$/.exec(span);
  return lines ? `lines ${lines[1]}–${lines[2]}` : span;
}

/** The anchor a rubric citation names, with its leading '#'. */
export function rubricAnchor(citation: string): string {
  const hash = citation.indexOf('#');
  return hash === -1 ? citation : citation.slice(hash);
}

type Labelled = { anchor?: unknown; label?: unknown; description?: unknown; id?: unknown };

/** Every anchor of a rubric with the words a person recognises it by. */
export function anchorLabels(rubric: RubricJson | undefined): Map<string, string> {
  const labels = new Map<string, string>();
  if (!rubric) return labels;
  const add = (item: Labelled | undefined, fallback: string) => {
    if (item && typeof item.anchor === 'string') {
      const text = [item.label, item.description, item.id].find((v) => typeof v === 'string' && v.length > 0);
      labels.set(item.anchor, typeof text === 'string' ? text : fallback);
    }
  };
  const section = (name: string) => rubric[name] as Record<string, unknown> | undefined;
  const list = (value: unknown) => (Array.isArray(value) ? (value as Labelled[]) : []);
  add(section('structure') as Labelled, 'Structure');
  list(section('structure')?.penalties).forEach((p) => add(p, 'Penalty'));
  list(rubric.key_questions).forEach((q) => add(q, 'Key question'));
  add(section('key_questions_policy') as Labelled, 'Key questions');
  add(section('reasoning') as Labelled, 'Reasoning');
  list(section('reasoning')?.required_links).forEach((l) => add(l, 'Reasoning link'));
  add(section('summary') as Labelled, 'Summary');
  list(section('summary')?.required_elements).forEach((e) => add(e, 'Summary element'));
  add(section('communication') as Labelled, 'Communication');
  list(section('communication')?.rules).forEach((r) => add(r, 'Communication rule'));
  return labels;
}
