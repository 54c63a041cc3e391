import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { webBuildIsStale } from '../src/local/web-build';

// When `npm start` rebuilds the web app: no build yet, or any source newer than the build.
// Tests, dependencies and the build itself never make it stale.

describe('npm start: is the web app build stale?', () => {
  let dir: string;
  const at = (file: string, seconds: number) => {
    const full = path.join(dir, file);
    fs.mkdirSync(path.dirname(full), { recursive: true });
    if (!fs.existsSync(full)) fs.writeFileSync(full, 'x');
    fs.utimesSync(full, seconds, seconds);
  };

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'medgrade-web-build-'));
    at('package.json', 1000);
    at('src/main.tsx', 1000);
    at('src/screens/Report.tsx', 1000);
  });

  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('is stale without a build, and fresh when the build is newer than every source', () => {
    assert.equal(webBuildIsStale(dir), true);
    at('dist/index.html', 2000);
    assert.equal(webBuildIsStale(dir), false);
  });

  it('is stale when a source, a configuration file or the manifest changed after the build', () => {
    at('dist/index.html', 2000);
    for (const file of ['src/screens/Report.tsx', 'vite.config.mts', 'package.json']) {
      at(file, 3000);
      assert.equal(webBuildIsStale(dir), true, file);
      at(file, 1000);
    }
  });

  it('ignores tests, installed packages and the build\'s own files', () => {
    at('dist/index.html', 2000);
    at('dist/assets/index-abc.js', 5000);
    at('test/student.test.ts', 5000);
    at('node_modules/preact/index.js', 5000);
    assert.equal(webBuildIsStale(dir), false);
  });
});
