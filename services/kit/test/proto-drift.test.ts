import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const repoRoot = path.resolve(__dirname, '../../..');
const committedDir = path.join(repoRoot, 'services/kit/src/generated');

function listFiles(dir: string, prefix = ''): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? listFiles(path.join(dir, entry.name), `${prefix}${entry.name}/`) : [`${prefix}${entry.name}`],
  ).sort();
}

describe('generated proto types', function () {
  this.timeout(60_000);

  it('match what scripts/gen-proto.sh generates from proto/ (run `npm run proto` after editing a .proto)', () => {
    const freshDir = fs.mkdtempSync(path.join(os.tmpdir(), 'medgrade-proto-'));
    try {
      execFileSync('bash', [path.join(repoRoot, 'scripts/gen-proto.sh'), freshDir], { cwd: repoRoot, stdio: 'pipe' });
      const fresh = listFiles(freshDir);
      assert.deepEqual(listFiles(committedDir), fresh, 'generated file list differs');
      const differing = fresh.filter(
        (file) => fs.readFileSync(path.join(freshDir, file), 'utf8') !== fs.readFileSync(path.join(committedDir, file), 'utf8'),
      );
      assert.deepEqual(differing, [], 'generated files differ from the protos');
    } finally {
      fs.rmSync(freshDir, { recursive: true, force: true });
    }
  });
});
