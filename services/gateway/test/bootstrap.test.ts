import * as assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { createScratchDatabase, scratchKeyPrefix, type ScratchDatabase } from '@medgrade/data';
import { createLogger } from '@medgrade/kit';
import { BootstrapRefused } from '../src/bootstrap';
import { ConfigError, loadConfig } from '../src/config';
import { startGateway } from '../src/server';
import { login } from './support/api';

// First start on an empty database, in production and local mode, each on its own database.

const logger = createLogger('gateway-test', 'silent');
const baseEnv = () => ({ GATEWAY_HOST: '127.0.0.1', GATEWAY_PORT: '0', JWT_SECRET: randomBytes(32).toString('hex') });

describe('gateway first start', function () {
  this.timeout(60_000);
  const databases: ScratchDatabase[] = [];
  const scratch = async () => {
    const db = await createScratchDatabase();
    databases.push(db);
    return { databaseUrl: db.url, redisUrl: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', keyPrefix: scratchKeyPrefix() };
  };
  after(async () => {
    for (const db of databases) await db.drop();
  });

  it('production refuses an empty database without BOOTSTRAP_ADMIN_*, then starts with them, then without them', async () => {
    const data = await scratch();
    const production = { ...baseEnv(), MEDGRADE_MODE: 'production' };
    await assert.rejects(startGateway({ config: loadConfig(production), data, logger }), BootstrapRefused);

    const admin = { email: 'first-admin@test.medgrade.local', password: `pw-${randomBytes(9).toString('hex')}` };
    const first = await startGateway({ config: loadConfig({ ...production, BOOTSTRAP_ADMIN_EMAIL: admin.email, BOOTSTRAP_ADMIN_PASSWORD: admin.password }), data, logger });
    try {
      assert.deepEqual([first.bootstrap.created, first.bootstrap.generatedPassword], [true, undefined]);
      const me = await (await login(first.url, admin.email, admin.password)).api.ok(200, 'GET', '/api/v1/me');
      assert.equal(me.role, 'platform_admin');
    } finally {
      await first.close(500);
    }
    // An existing admin is enough for later starts.
    const later = await startGateway({ config: loadConfig(production), data, logger });
    assert.equal(later.bootstrap.created, false);
    await later.close(500);
  });

  it('local mode generates the first admin\'s password and hands it to the launcher, once', async () => {
    const data = await scratch();
    const first = await startGateway({ config: loadConfig(baseEnv()), data, logger });
    try {
      assert.equal(first.bootstrap.created, true);
      const { email, generatedPassword } = first.bootstrap;
      assert.ok(email && generatedPassword && generatedPassword.length >= 12);
      await login(first.url, email, generatedPassword);
    } finally {
      await first.close(500);
    }
    const second = await startGateway({ config: loadConfig(baseEnv()), data, logger });
    assert.equal(second.bootstrap.created, false);
    await second.close(500);
  });

  it('stops with a clear message on bad configuration', () => {
    assert.throws(() => loadConfig({}), (err: Error) => err instanceof ConfigError && /JWT_SECRET/.test(err.message));
    assert.throws(() => loadConfig({ JWT_SECRET: 'short' }), /at least 32 bytes/);
    assert.throws(() => loadConfig({ ...baseEnv(), BOOTSTRAP_ADMIN_EMAIL: 'a@b.c' }), /both/);
    assert.throws(() => loadConfig({ ...baseEnv(), RATE_LIMIT_USER: 'lots' }), /RATE_LIMIT_USER/);
    assert.throws(() => loadConfig({ ...baseEnv(), ORCHESTRATOR_ADDR: 'nowhere' }), /ORCHESTRATOR_ADDR/);
  });
});
