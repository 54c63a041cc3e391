import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

// The web app's static build for the local run: rebuilt when services/web/dist is missing or
// older than any source of the app (its src/, configuration and package.json), so a fresh
// clone and an edited app both show what the sources say, and an unchanged one starts at once.
// The vite-only script (build:assets) is used when the app has one: type errors are `npm test`'s
// business, not start-up's.

const SKIPPED = new Set(['dist', 'node_modules', 'test']);

/** The newest modification time of the app's sources, in ms. */
function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (SKIPPED.has(entry.name)) continue;
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSource(full) : fs.statSync(full).mtimeMs);
  }
  return newest;
}

export type WebBuild = { status: 'fresh' | 'built' } | { status: 'failed'; output: string } | { status: 'absent' };

/** Whether services/web/dist is missing or older than the app's sources. */
export function webBuildIsStale(webDir: string): boolean {
  const index = path.join(webDir, 'dist', 'index.html');
  return !fs.existsSync(index) || fs.statSync(index).mtimeMs < newestSource(webDir);
}

export async function ensureWebBuilt(repoRoot: string, say: (line: string) => void): Promise<WebBuild> {
  const webDir = path.join(repoRoot, 'services', 'web');
  const manifest = path.join(webDir, 'package.json');
  if (!fs.existsSync(manifest)) return { status: 'absent' };
  if (!webBuildIsStale(webDir)) return { status: 'fresh' };
  const scripts = (JSON.parse(fs.readFileSync(manifest, 'utf8')) as { scripts?: Record<string, string> }).scripts ?? {};
  const script = scripts['build:assets'] ? 'build:assets' : 'build';
  say(`medgrade: building the web app (npm run ${script} -w @medgrade/web)`);
  const started = Date.now();
  const output: string[] = [];
  const code = await new Promise<number | null>((resolve) => {
    const child = spawn('npm', ['run', script, '-w', '@medgrade/web'], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.on('data', (chunk: Buffer) => output.push(chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => output.push(chunk.toString()));
    child.once('error', (err) => { output.push(err.message); resolve(null); });
    child.once('exit', resolve);
  });
  if (code !== 0) return { status: 'failed', output: output.join('').slice(-4000) };
  say(`medgrade: web app built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return { status: 'built' };
}
