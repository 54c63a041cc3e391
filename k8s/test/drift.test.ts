import { strict as assert } from 'node:assert';
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { REPO_ROOT, synthAll } from '../src/synth';

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    return statSync(path).isDirectory() ? files(path) : [path];
  });
}

describe('generated manifests and chart', () => {
  let out: string;
  before(() => {
    out = mkdtempSync(join(tmpdir(), 'medgrade-synth-'));
    synthAll(out);
  });
  after(() => rmSync(out, { recursive: true, force: true }));

  for (const dir of [join('k8s', 'manifests'), join('charts', 'medgrade')]) {
    it(`${dir} is exactly what npm run synth writes (run it after changing k8s/src)`, () => {
      const fresh = files(join(out, dir)).map((f) => relative(out, f)).sort();
      const committed = files(join(REPO_ROOT, dir)).map((f) => relative(REPO_ROOT, f)).sort();
      assert.deepEqual(committed, fresh, 'file lists differ');
      const stale = fresh.filter((f) => readFileSync(join(out, f), 'utf8') !== readFileSync(join(REPO_ROOT, f), 'utf8'));
      assert.deepEqual(stale, [], 'files differ from a fresh synth');
    });
  }
});
