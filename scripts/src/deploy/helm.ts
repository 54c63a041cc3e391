// helm is run as a child process with the generated kubeconfig; nothing else touches it.
import { spawn, type StdioOptions } from 'node:child_process';
import { DeployError } from './errors';

export interface HelmRun {
  /** The helm executable; HELM_BIN overrides it. */
  bin?: string;
  kubeconfigPath: string;
}

export const HELM_TIMEOUT = '10m';

export function helmUpgradeArgs(opts: { release: string; chartDir: string; namespace: string; valuesPath: string }): string[] {
  return [
    'upgrade', '--install', opts.release, opts.chartDir,
    '--namespace', opts.namespace, '--create-namespace',
    '--values', opts.valuesPath,
    // Rolls a failed upgrade back (Helm 4's name for --atomic); the kubeconfig's token outlives the timeout.
    '--rollback-on-failure', '--wait', '--timeout', HELM_TIMEOUT,
  ];
}

export function helmRollbackArgs(opts: { release: string; namespace: string; revision?: number }): string[] {
  return ['rollback', opts.release, ...(opts.revision ? [String(opts.revision)] : []), '--namespace', opts.namespace, '--wait', '--timeout', HELM_TIMEOUT];
}

/** `helm template` of the values the deploy would install: Helm's schema and `required` checks, offline. */
export function helmTemplateArgs(opts: { release: string; chartDir: string; namespace: string; valuesPath: string }): string[] {
  return ['template', opts.release, opts.chartDir, '--namespace', opts.namespace, '--values', opts.valuesPath];
}

interface Run { code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }

function spawnHelm(args: string[], bin: string, kubeconfigPath: string, stdio: StdioOptions): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(bin, args, { stdio, env: { ...process.env, KUBECONFIG: kubeconfigPath } });
    let stdout = '';
    let stderr = '';
    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => { stdout += chunk; });
    child.stderr?.setEncoding('utf8').on('data', (chunk: string) => { stderr += chunk; });
    child.on('error', (error: NodeJS.ErrnoException) => {
      reject(error.code === 'ENOENT'
        ? new DeployError(`helm not found (looked for "${bin}"): install Helm 4 (https://helm.sh/docs/intro/install/) or set HELM_BIN`)
        : error);
    });
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}

const failure = (args: string[], run: Run) => `helm ${args[0]} failed (${run.signal ?? `exit code ${run.code}`})`;

/** Runs helm, streaming its output; rejects with a clear error when helm is missing or fails. */
export async function runHelm(args: string[], { bin = process.env.HELM_BIN ?? 'helm', kubeconfigPath }: HelmRun): Promise<void> {
  const run = await spawnHelm(args, bin, kubeconfigPath, 'inherit');
  if (run.code !== 0) throw new DeployError(failure(args, run));
}

/** Runs helm quietly and returns its output; a failure carries Helm's own message. */
export async function helmOutput(args: string[], { bin = process.env.HELM_BIN ?? 'helm', kubeconfigPath }: HelmRun): Promise<string> {
  const run = await spawnHelm(args, bin, kubeconfigPath, ['ignore', 'pipe', 'pipe']);
  if (run.code !== 0) throw new DeployError(`${failure(args, run)}: ${run.stderr.trim()}`);
  return run.stdout;
}

/** The deploy passes Helm 4 flags (--rollback-on-failure); Helm 3 would refuse them mid-deploy. */
export function requireHelm4(versionOutput: string): void {
  const version = /v(\d+)\.\d+\.\d+/.exec(versionOutput);
  if (!version) throw new DeployError(`cannot read the helm version from "${versionOutput.trim()}"`);
  if (Number(version[1]) < 4) throw new DeployError(`helm ${version[0]} found; the deploy needs Helm 4 or newer (install it, or set HELM_BIN)`);
}
