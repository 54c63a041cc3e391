import { spawn, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';
import * as readline from 'node:readline';
import { loadOrCreateCredentials, type LocalCredentials } from './seed';

// Runs `npm start` (the local launcher) as a child process and waits until it prints its
// ready banner: what the embedded-mode smoke test and the end-to-end benchmark drive.

const LAUNCHER = path.resolve(__dirname, '..', 'start-local.ts');
const READY = /API docs \(try it in the browser\):\s+(http:\/\/\S+)\/docs/;

export interface LocalSystem {
  url: string;
  credentials: LocalCredentials;
  requestFile: string;
  process: ChildProcess;
  /** Everything the launcher printed so far. */
  output: string[];
  /** Sends the signal and resolves with the launcher's exit code. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

export function startLocalSystem(options: { dataDir: string; env: NodeJS.ProcessEnv; timeoutMs: number; echo?: boolean }): Promise<LocalSystem> {
  const child = spawn(process.execPath, ['--import', 'tsx', LAUNCHER], {
    cwd: path.resolve(__dirname, '../../..'),
    env: { ...options.env, MEDGRADE_DATA_DIR: options.dataDir, NO_COLOR: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const stop = async (signal: NodeJS.Signals = 'SIGTERM') => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    return exited;
  };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      void stop('SIGTERM');
      reject(new Error(`the local system was not ready within ${options.timeoutMs} ms:\n${output.slice(-40).join('\n')}`));
    }, options.timeoutMs);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`the launcher exited (${code}) before it was ready:\n${output.slice(-40).join('\n')}`));
    });
    for (const stream of [child.stdout, child.stderr]) {
      readline.createInterface({ input: stream }).on('line', (line) => {
        output.push(line);
        if (options.echo) process.stdout.write(`${line}\n`);
        const ready = READY.exec(line);
        if (ready?.[1]) {
          clearTimeout(timer);
          resolve({
            url: ready[1],
            credentials: loadOrCreateCredentials(options.dataDir),
            requestFile: path.join(options.dataDir, 'demo-grading-request.json'),
            process: child,
            output,
            stop,
          });
        }
      });
    }
  });
}
