// Runs the real Helm (from kubeTools()) on the generated chart, offline: `helm template`
// and `helm lint` need no cluster, and `helm upgrade --install --dry-run=client` runs against
// Helm's in-memory release store (HELM_DRIVER=memory), which also swaps in Helm's own
// printing Kubernetes client, so nothing ever dials a cluster.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { ENVIRONMENTS } from '../../../eks-infra/lib/config';
import { kubeTools } from '../../src/kube-tools';
import { REPO_ROOT } from '../../src/synth';

export const CHART = join(REPO_ROOT, 'charts', 'medgrade');
export const RELEASE = 'medgrade';
export const NAMESPACE = 'medgrade';
export const ciValues = (set: string) => join(CHART, 'ci', `${set}.yaml`);

/** The Kubernetes version each values set is written for: kind's node image, or the EKS cluster. */
export function targetKubeVersion(set: string): string {
  if (set === 'kind') {
    const kind = parse(readFileSync(join(REPO_ROOT, 'kind-config.yaml'), 'utf8')) as { nodes: { image: string }[] };
    return /:v(\d+\.\d+\.\d+)$/.exec(kind.nodes[0]!.image)![1]!;
  }
  const versions = new Set(Object.values(ENVIRONMENTS).map((e) => e.kubernetesVersion));
  if (versions.size !== 1) throw new Error(`the EKS environments run different Kubernetes versions: ${[...versions].join(', ')}`);
  return `${[...versions][0]}.0`;
}

export interface HelmResult { status: number | null; stdout: string; stderr: string }

const helmHome = join(tmpdir(), `medgrade-helm-home-${process.pid}`);
process.once('exit', () => rmSync(helmHome, { recursive: true, force: true }));

/** Helm's environment: its own config and cache folders and no kubeconfig, plus `extra`. */
function helmEnv(extra: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  mkdirSync(helmHome, { recursive: true });
  return {
    ...process.env,
    HELM_CONFIG_HOME: join(helmHome, 'config'), HELM_CACHE_HOME: join(helmHome, 'cache'), HELM_DATA_HOME: join(helmHome, 'data'),
    KUBECONFIG: '/dev/null',
    ...extra,
  };
}

export async function helm(args: string[], env: NodeJS.ProcessEnv = {}): Promise<HelmResult> {
  const { helm: bin } = await kubeTools();
  const run = spawnSync(bin, args, { env: helmEnv(env), encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (run.error) throw run.error;
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

/** Like helm(), but a non-zero exit is an error carrying Helm's message. */
export async function helmOk(args: string[], env: NodeJS.ProcessEnv = {}): Promise<string> {
  const result = await helm(args, env);
  if (result.status !== 0) throw new Error(`helm ${args.join(' ')} failed (${result.status}):\n${result.stderr}${result.stdout}`);
  return result.stdout;
}

type Obj = Record<string, any>;

export interface Render {
  /** Template file name → the objects it rendered (files that rendered nothing are absent). */
  objects: Map<string, Obj[]>;
  all: Obj[];
  text: string;
}

/** Splits Helm's output into objects by the `# Source:` line Helm writes above each. */
export function parseRender(text: string): Render {
  const objects = new Map<string, Obj[]>();
  for (const doc of text.split(/^---$/m)) {
    const source = /^# Source: medgrade\/templates\/(.+)$/m.exec(doc)?.[1];
    const object = parse(doc) as Obj | null;
    if (!source || !object) continue;
    objects.set(source, [...(objects.get(source) ?? []), object]);
  }
  return { objects, all: [...objects.values()].flat(), text };
}

/**
 * The values file arguments for a CI set plus inline overrides, written to a temporary file as
 * YAML 1.1, the YAML Helm reads values in (1.2 leaves `on` or `yes` unquoted; 1.1 reads them as booleans).
 */
async function withValues<T>(set: string, overrides: unknown, run: (args: string[]) => Promise<T>): Promise<T> {
  if (overrides === undefined) return run(['--values', ciValues(set)]);
  const dir = mkdtempSync(join(tmpdir(), 'medgrade-values-'));
  try {
    const file = join(dir, 'overrides.yaml');
    writeFileSync(file, stringify(overrides, { version: '1.1' }));
    return await run(['--values', ciValues(set), '--values', file]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const templateArgs = (set: string, values: string[]) =>
  ['template', RELEASE, CHART, '--namespace', NAMESPACE, '--kube-version', targetKubeVersion(set), ...values];

/** `helm template` of a CI set (and overrides); throws with Helm's message when it fails. */
export function helmTemplate(set: string, overrides?: unknown): Promise<Render> {
  return withValues(set, overrides, async (values) => parseRender(await helmOk(templateArgs(set, values))));
}

/** `helm template` that is expected to fail: its result, for the message. */
export function helmTemplateResult(set: string, overrides: unknown): Promise<HelmResult> {
  return withValues(set, overrides, (values) => helm(templateArgs(set, values)));
}

let stores = 0;

/**
 * Environment that gives Helm an in-memory release store preloaded with `releases`: commands
 * that look up releases (upgrade --install, rollback, history) then run without a cluster.
 */
export function memoryReleaseStore(releases: unknown[] = []): NodeJS.ProcessEnv {
  mkdirSync(helmHome, { recursive: true });
  const file = join(helmHome, `releases-${++stores}.json`);
  writeFileSync(file, JSON.stringify(releases));
  return { HELM_DRIVER: 'memory', HELM_MEMORY_DRIVER_DATA: file };
}
