// helm is run as a child process with the generated kubeconfig; nothing else touches it.
import { spawn } from 'node:child_process';
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
    // --atomic rolls a failed upgrade back; the token in the kubeconfig outlives the timeout.
    '--atomic', '--wait', '--timeout', HELM_TIMEOUT,
  ];
}

export function helmRollbackArgs(opts: { release: string; namespace: string; revision?: number }): string[] {
  return ['rollback', opts.release, ...(opts.revision ? [String(opts.revision)] : []), '--namespace', opts.namespace, '--wait', '--timeout', HELM_TIMEOUT];
}

/** Runs helm, streaming its output; rejects with a clear error when helm is not installed. */
export function runHelm(args: string[], { bin = process.env.HELM_BIN ?? 'helm', kubeconfigPath }: HelmRun): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(bin, args, { stdio: 'inherit', env: { ...process.env, KUBECONFIG: kubeconfigPath } });
    child.on('error', (error: NodeJS.ErrnoException) => {
      reject(error.code === 'ENOENT'
        ? new DeployError(`helm not found (looked for "${bin}"): install Helm 3.x (https://helm.sh/docs/intro/install/) or set HELM_BIN`)
        : error);
    });
    child.on('exit', (code, signal) => {
      if (code === 0) resolve();
      else reject(new DeployError(`helm ${args[0]} failed (${signal ?? `exit code ${code}`})`));
    });
  });
}
