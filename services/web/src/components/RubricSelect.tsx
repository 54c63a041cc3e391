import { Field } from './common';
import type { RubricListItem } from '../lib/types';

export function RubricSelect({ rubrics, value, onChange, label = 'Rubric', error, allowEmpty }: {
  rubrics: RubricListItem[];
  value: string;
  onChange(value: string): void;
  label?: string;
  error?: string | undefined;
  allowEmpty?: string;
}) {
  return (
    <Field label={label} error={error}>
      {(a) => (
        <select {...a} name="rubric" value={value} onChange={(e) => onChange(e.currentTarget.value)}>
          {allowEmpty !== undefined && <option value="">{allowEmpty}</option>}
          {rubrics.map((r) => <option key={r.rubric_id} value={r.rubric_id}>{r.title ?? r.rubric_id} ({r.rubric_id})</option>)}
        </select>
      )}
    </Field>
  );
}
