import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { choosePlatformAdmin, platformAdminLine } from '../src/local/admin';
import { loadOrCreateCredentials } from '../src/local/seed';

describe('the platform admin of npm start', () => {
  let dataDir: string;
  beforeEach(() => { dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'medgrade-admin-')); });
  afterEach(() => fs.rmSync(dataDir, { recursive: true, force: true }));
  const file = () => path.join(dataDir, 'local-credentials.json');

  it('is the generated one, kept in local-credentials.json, when BOOTSTRAP_ADMIN_* are unset', () => {
    const generated = loadOrCreateCredentials(dataDir);
    const choice = choosePlatformAdmin(generated, {});
    assert.equal(choice.fromEnv, false);
    assert.deepEqual(choice.credentials, generated);
    assert.equal(platformAdminLine(choice, file()), `medgrade: platform admin platform-admin@medgrade.local (generated, kept in ${file()})`);
  });

  it('is the one BOOTSTRAP_ADMIN_EMAIL / _PASSWORD name, which is never written to disk', () => {
    const generated = loadOrCreateCredentials(dataDir);
    const choice = choosePlatformAdmin(generated, { BOOTSTRAP_ADMIN_EMAIL: 'ops@example.org', BOOTSTRAP_ADMIN_PASSWORD: 'correct horse battery' });
    assert.equal(choice.fromEnv, true);
    assert.deepEqual(choice.credentials.platformAdmin, { role: 'platform_admin', email: 'ops@example.org', password: 'correct horse battery' });
    assert.deepEqual(choice.credentials.users, generated.users, 'the demo users stay generated');
    assert.match(platformAdminLine(choice, file()), /platform admin ops@example\.org \(from BOOTSTRAP_ADMIN_EMAIL \/ BOOTSTRAP_ADMIN_PASSWORD\)/);
    assert.doesNotMatch(fs.readFileSync(file(), 'utf8'), /ops@example\.org|correct horse/);
  });

  it('needs both variables or neither', () => {
    const generated = loadOrCreateCredentials(dataDir);
    for (const env of [{ BOOTSTRAP_ADMIN_EMAIL: 'ops@example.org' }, { BOOTSTRAP_ADMIN_PASSWORD: 'correct horse battery' }]) {
      assert.throws(() => choosePlatformAdmin(generated, env), /set both BOOTSTRAP_ADMIN_EMAIL and BOOTSTRAP_ADMIN_PASSWORD, or neither/);
    }
  });
});
