import { strict as assert } from 'node:assert';
import { CONFIG_EXIT_CODE, ConfigError, envVar, grpcServerEnv, parseEnv } from '../src';
import { spawnService } from './support/process';

describe('configuration from the environment', function () {
  this.timeout(60_000);

  it('applies defaults, including the catalog port', () => {
    const env = parseEnv('structure', grpcServerEnv('structure'), {});
    assert.equal(env.GRPC_PORT, 50054);
    assert.equal(env.SHUTDOWN_GRACE_MS, 10_000);
    assert.equal(env.LOG_LEVEL, 'info');
  });

  it('names every problem at once, without echoing values', () => {
    const shape = { ...grpcServerEnv('structure'), SOME_ADDR: envVar.address('127.0.0.1:1'), NEEDED: envVar.required() };
    assert.throws(
      () => parseEnv('structure', shape, { GRPC_PORT: '70000', LOG_LEVEL: 'loud', SOME_ADDR: 'no port here' }),
      (error: unknown) => {
        assert.ok(error instanceof ConfigError);
        assert.deepEqual(error.problems, [
          'LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent',
          'GRPC_PORT must be between 0 and 65535',
          'SOME_ADDR must be host:port or a gRPC target such as dns:///host:port',
          'NEEDED is required',
        ]);
        assert.doesNotMatch(error.message, /no port here/);
        return true;
      },
    );
  });

  it('accepts host:port, bracketed IPv6 and scheme targets as addresses', () => {
    const shape = { A: envVar.address('x:1'), B: envVar.address('x:1'), C: envVar.address('x:1') };
    assert.deepEqual(parseEnv('t', shape, { A: 'structure.medgrade.svc:50054', B: '[::1]:5', C: 'ipv4:127.0.0.1:1,127.0.0.1:2' }), {
      A: 'structure.medgrade.svc:50054', B: '[::1]:5', C: 'ipv4:127.0.0.1:1,127.0.0.1:2',
    });
  });

  it('stops a real service with a clear message and EX_CONFIG when a variable is malformed', async () => {
    const service = spawnService('services/structure/src/main.ts', { GRPC_PORT: 'fifty', SHUTDOWN_GRACE_MS: '-1' });
    const { code, output } = await service.exited;
    assert.equal(code, CONFIG_EXIT_CODE);
    assert.match(output, /medgrade-structure: invalid configuration/);
    assert.match(output, /GRPC_PORT must be a whole number/);
    assert.match(output, /SHUTDOWN_GRACE_MS must be between 0 and 86400000/);
  });
});
