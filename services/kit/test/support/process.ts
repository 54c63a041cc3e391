import { spawn, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';

export const repoRoot = path.resolve(__dirname, '../../../..');

export interface SpawnedService {
  child: ChildProcess;
  /** Resolves with the port once the process logs that it listens. */
  listening: Promise<number>;
  /** Resolves with the exit code (or the signal name) and everything written to stdout/stderr. */
  exited: Promise<{ code: number | string; output: string }>;
}

/** Runs a TypeScript entry point as a real process, as `node --import tsx <file>` would. */
export function spawnService(entry: string, env: Record<string, string>): SpawnedService {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(repoRoot, entry)], {
    cwd: repoRoot,
    env: { ...process.env, GRPC_HOST: '127.0.0.1', GRPC_PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const listening = new Promise<number>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /"port":(\d+),[^\n]*"msg":"gRPC server listening"/.exec(output);
      if (match) resolve(Number(match[1]));
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', () => reject(new Error(`process exited before listening:\n${output}`)));
  });
  listening.catch(() => undefined);
  const exited = new Promise<{ code: number | string; output: string }>((resolve) => {
    child.once('exit', (code, signal) => resolve({ code: code ?? signal ?? 'unknown', output }));
  });
  return { child, listening, exited };
}
