import * as assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { createScratchDatabase, scratchKeyPrefix, type ScratchDatabase } from '@medgrade/data';
import { CONFIG_EXIT_CODE, ConfigError, createLogger } from '@medgrade/kit';
import { BootstrapRefused } from '../src/bootstrap';
import { loadConfig } from '../src/config';
import { startGateway } from '../src/server';
import { login } from './support/api';
import { spawnService } from '../../kit/test/support/process';

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

  it('applies the documented defaults', () => {
    const config = loadConfig(baseEnv());
    assert.equal(config.mode, 'local');
    assert.equal(loadConfig({ ...baseEnv(), GATEWAY_PORT: undefined }).port, 8080);
    assert.deepEqual(config.rateLimits, { userPerWindow: 120, institutionPerWindow: 2000, loginPerWindow: 20, windowSeconds: 60 });
    assert.deepEqual([config.accessTokenTtlSeconds, config.refreshTokenTtlSeconds], [900, 2_592_000]);
    assert.deepEqual([config.maxTranscriptLines, config.bodyLimitBytes, config.grpcDeadlineMs, config.shutdownGraceMs], [5000, 1_048_576, 10_000, 10_000]);
    assert.equal(config.addresses.orchestrator, '127.0.0.1:50051');
    assert.equal(config.addresses.worker, '127.0.0.1:50062');
    assert.deepEqual(config.bootstrap, { email: undefined, password: undefined, institutionName: 'Default institution' });
    assert.equal(config.inProcessWorker, true, 'no Redis: the gateway runs the batch worker itself');
    assert.equal(loadConfig({ ...baseEnv(), REDIS_URL: 'redis://cache:6379' }).inProcessWorker, false);
    assert.equal(loadConfig({ ...baseEnv(), REDIS_URL: 'redis://cache:6379', GATEWAY_RUN_WORKER: 'true' }).inProcessWorker, true);
    assert.equal(loadConfig({ ...baseEnv(), NODE_ENV: 'production' }).mode, 'production');
  });

  it('names every malformed value at once, without echoing it', () => {
    const problemsOf = (env: Record<string, string>) => {
      try {
        loadConfig(env);
      } catch (err) {
        assert.ok(err instanceof ConfigError, String(err));
        assert.match(err.message, /^medgrade-gateway: invalid configuration\n/);
        for (const value of ['short-secret-value', 'tiny-pw', 'nowhere', 'lots']) assert.ok(!err.message.includes(value), 'values may be secrets: never shown');
        return err.problems;
      }
      assert.fail('the configuration was accepted');
    };
    assert.deepEqual(problemsOf({
      ...baseEnv(), MEDGRADE_MODE: 'prod', LOG_LEVEL: 'loud', GATEWAY_PORT: '70000', JWT_SECRET: 'short-secret-value',
      RATE_LIMIT_USER: 'lots', ORCHESTRATOR_ADDR: 'nowhere', BOOTSTRAP_ADMIN_PASSWORD: 'tiny-pw', GATEWAY_RUN_WORKER: 'yes',
    }), [
      'MEDGRADE_MODE must be one of local, production',
      'LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent',
      'GATEWAY_PORT must be between 0 and 65535',
      'JWT_SECRET must be at least 32 bytes',
      'RATE_LIMIT_USER must be a whole number',
      'ORCHESTRATOR_ADDR must be host:port or a gRPC target such as dns:///host:port',
      'BOOTSTRAP_ADMIN_PASSWORD must be at least 12 characters',
      'GATEWAY_RUN_WORKER must be one of true, false, auto',
    ]);
    assert.deepEqual(problemsOf({ RATE_LIMIT_WINDOW_SECONDS: '0' }), ['RATE_LIMIT_WINDOW_SECONDS must be between 1 and 9007199254740991']);
    assert.deepEqual(problemsOf({}), ['JWT_SECRET (HS256, at least 32 bytes) or JWT_PRIVATE_KEY (Ed25519 PKCS#8 PEM) is required']);
    assert.deepEqual(problemsOf({ ...baseEnv(), JWT_PRIVATE_KEY: '-----BEGIN PRIVATE KEY-----' }), ['JWT_SECRET and JWT_PRIVATE_KEY are both set; set one']);
    assert.deepEqual(problemsOf({ ...baseEnv(), BOOTSTRAP_ADMIN_EMAIL: 'a@b.c' }), ['BOOTSTRAP_ADMIN_EMAIL and BOOTSTRAP_ADMIN_PASSWORD must be set both or neither']);
  });

  it('stops the real process with the message and exit code 78, for its own variables and the data layer\'s', async () => {
    const valid = { ...baseEnv(), DATABASE_URL: 'postgres://127.0.0.1:1/never-reached', REDIS_URL: '', OTEL_TRACES_EXPORTER: 'none' };
    const [gateway, data] = await Promise.all([
      spawnService('services/gateway/src/main.ts', { ...valid, GATEWAY_PORT: 'eighty', RATE_LIMIT_LOGIN: '-3' }).exited,
      spawnService('services/gateway/src/main.ts', { ...valid, DATABASE_URL: '' }).exited,
    ]);
    assert.equal(gateway.code, CONFIG_EXIT_CODE, gateway.output);
    assert.equal(gateway.output.trim(), [
      'medgrade-gateway: invalid configuration',
      '  - GATEWAY_PORT must be a whole number',
      '  - RATE_LIMIT_LOGIN must be between 1 and 9007199254740991',
    ].join('\n'));
    assert.equal(data.code, CONFIG_EXIT_CODE, data.output);
    assert.match(data.output, /^medgrade-gateway: invalid configuration\n {2}- DATABASE_URL is required/);
  });
});
