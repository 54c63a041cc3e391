import { fieldId } from './QaList';

// A form over any JSON value: objects become fieldsets, arrays lists with add/remove (an item
// that is an object folds under its id or label), and each scalar a labelled control whose id
// comes from its JSON Pointer, so a QA issue can move the focus to the control it is about.

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export type IssuesByPointer = Map<string, string[]>;

const escapeToken = (key: string) => key.replace(/~/g, '~0').replace(/\//g, '~1');
const humanize = (key: string) => key.replace(/_/g, ' ');

/** An empty value of the same shape, for a new array item. */
function blankLike(value: Json): Json {
  if (Array.isArray(value)) return [];
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, blankLike(v)]));
  if (typeof value === 'number') return 0;
  if (typeof value === 'boolean') return false;
  return typeof value === 'string' ? '' : null;
}

const isObject = (value: Json): value is { [key: string]: Json } => value !== null && typeof value === 'object' && !Array.isArray(value);

/** What a list item is called in its folded line: its id and label or description. */
function itemTitle(item: { [key: string]: Json }, fallback: string): string {
  const words = [item.id, item.label ?? item.description].filter((v) => typeof v === 'string' && v !== '');
  return words.length > 0 ? words.join(': ') : fallback;
}

interface NodeProps {
  name: string;
  value: Json;
  pointer: string;
  issues: IssuesByPointer;
  onChange(value: Json): void;
}

function Messages({ pointer, issues }: { pointer: string; issues: IssuesByPointer }) {
  const messages = issues.get(pointer);
  if (!messages) return null;
  return <span class="field-error" id={`${fieldId(pointer)}-issues`}>{messages.join('; ')}</span>;
}

function Scalar({ name, value, pointer, issues, onChange }: NodeProps) {
  const id = fieldId(pointer);
  const invalid = issues.has(pointer);
  const common = {
    id,
    name: pointer,
    ...(invalid ? { 'aria-invalid': 'true' as const, 'aria-describedby': `${id}-issues` } : {}),
  };
  let control;
  if (typeof value === 'boolean') {
    control = <input {...common} type="checkbox" checked={value} onChange={(e) => onChange(e.currentTarget.checked)} />;
  } else if (typeof value === 'number') {
    control = <input {...common} type="number" step="any" value={String(value)} onInput={(e) => {
      const n = e.currentTarget.valueAsNumber;
      if (!Number.isNaN(n)) onChange(n);
    }} />;
  } else {
    const text = typeof value === 'string' ? value : '';
    const set = (v: string) => onChange(value === null && v === '' ? null : v);
    control = text.length > 80
      ? <textarea {...common} rows={3} value={text} onInput={(e) => set(e.currentTarget.value)} />
      : <input {...common} value={text} placeholder={value === null ? 'empty (null)' : undefined} onInput={(e) => set(e.currentTarget.value)} />;
  }
  return (
    <div class={invalid ? 'field field-invalid' : 'field'}>
      <label for={id}>{humanize(name)}</label>
      {control}
      <Messages pointer={pointer} issues={issues} />
    </div>
  );
}

export function JsonNode(props: NodeProps) {
  const { name, value, pointer, issues, onChange } = props;
  if (Array.isArray(value)) {
    const last = value[value.length - 1];
    return (
      <fieldset class="json-array" id={fieldId(pointer)} tabindex={-1}>
        <legend>{humanize(name)} ({value.length})</legend>
        <Messages pointer={pointer} issues={issues} />
        <ol>
          {value.map((item, i) => {
            const node = (
              <JsonNode name={`${name} ${i + 1}`} value={item} pointer={`${pointer}/${i}`} issues={issues}
                onChange={(v) => onChange(value.map((old, j) => (j === i ? v : old)))} />
            );
            return (
              <li key={i}>
                {isObject(item) ? <details><summary>{itemTitle(item, `${humanize(name)} ${i + 1}`)}</summary>{node}</details> : node}
                <button type="button" class="secondary small" onClick={() => onChange(value.filter((_, j) => j !== i))}>Remove {humanize(name)} {i + 1}</button>
              </li>
            );
          })}
        </ol>
        <button type="button" class="secondary small" onClick={() => onChange([...value, last === undefined ? '' : blankLike(last)])}>Add to {humanize(name)}</button>
      </fieldset>
    );
  }
  if (isObject(value)) {
    return (
      <fieldset class="json-object" id={fieldId(pointer)} tabindex={-1}>
        <legend>{humanize(name)}</legend>
        <Messages pointer={pointer} issues={issues} />
        {Object.entries(value).map(([key, child]) => (
          <JsonNode key={key} name={key} value={child} pointer={`${pointer}/${escapeToken(key)}`} issues={issues}
            onChange={(v) => onChange({ ...value, [key]: v })} />
        ))}
      </fieldset>
    );
  }
  return <Scalar {...props} />;
}

export type { Json };
