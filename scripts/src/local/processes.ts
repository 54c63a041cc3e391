import { spawn, type ChildProcess } from 'node:child_process';
import * as readline from 'node:readline';

// Child processes of the local run: one per service, each line of its output prefixed with
// the service's name so interleaved logs stay readable, and an orderly stop (SIGTERM, then
// SIGKILL for whatever outlives the grace period).

export interface Child {
  name: string;
  process: ChildProcess;
  /** Resolves with the exit code (or signal name) when the process ends. */
  exited: Promise<number | string>;
}

const COLORS = [36, 33, 35, 32, 34, 31, 96, 93, 95, 92, 94, 91];

export function prefixer(name: string, index: number, width: number, color: boolean): (line: string) => void {
  const label = name.padEnd(width);
  const tag = color ? `\x1b[${COLORS[index % COLORS.length]}m${label}\x1b[0m |` : `${label} |`;
  return (line) => process.stdout.write(`${tag} ${line}\n`);
}

export function spawnService(name: string, entry: string, env: NodeJS.ProcessEnv, print: (line: string) => void, cwd: string): Child {
  const child = spawn(process.execPath, ['--import', 'tsx', entry], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
  for (const stream of [child.stdout, child.stderr]) readline.createInterface({ input: stream }).on('line', print);
  const exited = new Promise<number | string>((resolve) => {
    child.once('exit', (code, signal) => resolve(code ?? signal ?? 'unknown'));
    child.once('error', (err) => {
      print(`failed to start: ${err.message}`);
      resolve('spawn-error');
    });
  });
  return { name, process: child, exited };
}

export async function stopAll(children: Child[], graceMs: number): Promise<void> {
  const alive = children.filter((c) => c.process.exitCode === null && c.process.signalCode === null);
  for (const child of alive) child.process.kill('SIGTERM');
  const timer = setTimeout(() => {
    for (const child of alive) if (child.process.exitCode === null && child.process.signalCode === null) child.process.kill('SIGKILL');
  }, graceMs);
  await Promise.all(alive.map((c) => c.exited));
  clearTimeout(timer);
}
