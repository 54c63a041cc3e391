import { strict as assert } from 'node:assert';
import { createClient } from '../src';
import { checkHealth } from '../src/testing';
import { spawnService } from './support/process';

const SLOW_SERVICE = 'services/kit/test/fixtures/slow-service.ts';

describe('graceful shutdown of a real service process', function () {
  this.timeout(60_000);

  it('on SIGTERM turns NOT_SERVING, lets the in-flight call finish, then exits 0', async () => {
    const service = spawnService(SLOW_SERVICE, { SLOW_MS: '2500', SHUTDOWN_DRAIN_DELAY_MS: '1000', SHUTDOWN_GRACE_MS: '10000', LOG_LEVEL: 'info' });
    const address = `127.0.0.1:${await service.listening}`;
    assert.equal(await checkHealth(address, 'medgrade.v1.TranscriptService'), 'SERVING');
    const client = createClient('TranscriptService', address, { deadlineMs: 20_000 });
    try {
      const inFlight = client.Parse({ oral_transcript: 'anything' });
      await new Promise((resolve) => setTimeout(resolve, 300)); // the call has reached the handler
      service.child.kill('SIGTERM');
      await new Promise((resolve) => setTimeout(resolve, 300));
      // During the drain delay the server still answers health checks, now NOT_SERVING.
      assert.equal(await checkHealth(address, 'medgrade.v1.TranscriptService'), 'NOT_SERVING');
      assert.equal(await checkHealth(address, ''), 'NOT_SERVING');
      const response = await inFlight;
      assert.deepEqual(response.parsed?.utterances, []);
      const { code, output } = await service.exited;
      assert.equal(code, 0, output);
      assert.match(output, /all in-flight calls finished/);
    } finally {
      client.close();
      service.child.kill('SIGKILL');
    }
  });

  it('cuts off a call that outlives SHUTDOWN_GRACE_MS and exits non-zero', async () => {
    const service = spawnService(SLOW_SERVICE, { SLOW_MS: '20000', SHUTDOWN_GRACE_MS: '500', LOG_LEVEL: 'info' });
    const address = `127.0.0.1:${await service.listening}`;
    const client = createClient('TranscriptService', address, { deadlineMs: 20_000, retry: { maxAttempts: 1, initialBackoffMs: 1, maxBackoffMs: 1 } });
    try {
      const inFlight = client.Parse({ oral_transcript: 'anything' });
      await new Promise((resolve) => setTimeout(resolve, 300));
      service.child.kill('SIGTERM');
      await assert.rejects(inFlight);
      const { code, output } = await service.exited;
      assert.equal(code, 1, output);
      assert.match(output, /cut off at the grace deadline/);
    } finally {
      client.close();
      service.child.kill('SIGKILL');
    }
  });
});
