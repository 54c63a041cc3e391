// Validates manifests against the Kubernetes OpenAPI schemas compiled into kubernetes-models.
// Those validators accept unknown fields, so this also finds them: the validators read every
// property their schema defines (`data.field === undefined || check(data.field)`), so running
// one over a recording proxy tells which fields of each object the schema knows. A field it
// never read is unknown. Objects the validator enumerates (maps such as labels) are free-form.
import { dirname, join } from 'node:path';

type ValidateFn = ((data: unknown) => boolean) & { errors?: { instancePath: string; message?: string; keyword: string; params: unknown }[] | null };

const schemasDir = join(dirname(require.resolve('kubernetes-models/apps/v1')), '..', '..', '_schemas');

function schemaName(apiVersion: string, kind: string): string {
  const [group, version] = apiVersion.includes('/') ? apiVersion.split('/') : ['core', apiVersion];
  const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
  return `IoK8sApi${cap(group!.split('.')[0]!)}${cap(version!)}${kind}`;
}

function validatorFor(apiVersion: string, kind: string): ValidateFn {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const mod = require(join(schemasDir, `${schemaName(apiVersion, kind)}.js`)) as { validate: ValidateFn };
  return mod.validate;
}

interface Recording { read: Set<string>; enumerated: boolean }

function record(value: unknown, recordings: Map<object, Recording>): unknown {
  if (typeof value !== 'object' || value === null) return value;
  const rec: Recording = { read: new Set(), enumerated: false };
  const proxy = new Proxy(value, {
    get(target, key, receiver) {
      if (typeof key === 'string') rec.read.add(key);
      return record(Reflect.get(target, key, receiver), recordings);
    },
    ownKeys(target) { rec.enumerated = true; return Reflect.ownKeys(target); },
    has(target, key) { if (typeof key === 'string') rec.read.add(key); return Reflect.has(target, key); },
  });
  recordings.set(value, rec);
  return proxy;
}

function unknownFields(value: unknown, recordings: Map<object, Recording>, path: string): string[] {
  if (typeof value !== 'object' || value === null) return [];
  const rec = recordings.get(value);
  if (!rec) return [];
  const entries = Object.entries(value);
  const own = Array.isArray(value) || rec.enumerated ? [] : entries.filter(([k]) => !rec.read.has(k)).map(([k]) => `${path}/${k}`);
  return [...own, ...entries.flatMap(([k, v]) => unknownFields(v, recordings, `${path}/${k}`))];
}

/** Schema errors and unknown fields of one manifest; empty when it is valid. */
export function schemaProblems(manifest: Record<string, any>): string[] {
  const validate = validatorFor(String(manifest.apiVersion), String(manifest.kind));
  const recordings = new Map<object, Recording>();
  const ok = validate(record(manifest, recordings));
  const errors = ok ? [] : (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.keyword} ${JSON.stringify(e.params)}`);
  const unknown = unknownFields(manifest, recordings, '').filter((p) => !/^\/(apiVersion|kind)$/.test(p));
  return [...errors, ...unknown.map((p) => `${p}: unknown field`)];
}
