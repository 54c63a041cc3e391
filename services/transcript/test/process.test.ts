import { strict as assert } from 'node:assert';
import { createClient } from '@medgrade/kit';
import { spawnService } from '../../kit/test/support/process';

describe('transcript service process', function () {
  this.timeout(60_000);

  it('logs one JSON line per call with method, status and duration, and never the transcript', async () => {
    const sentinel = 'ZEBRA-SENTINEL-4471';
    const service = spawnService('services/transcript/src/main.ts', { LOG_LEVEL: 'debug' });
    const client = createClient('TranscriptService', `127.0.0.1:${await service.listening}`, { deadlineMs: 20_000 });
    try {
      await client.Parse({ oral_transcript: `[00:01] Student: ${sentinel} what brings you in?` });
      await client.Parse({ oral_transcript: ' ' }).catch(() => undefined);
      service.child.kill('SIGTERM');
      const { code, output } = await service.exited;
      assert.equal(code, 0, output);
      assert.ok(!output.includes(sentinel), 'the transcript text reached the logs');
      const calls = output.split('\n').filter((line) => line.includes('"method":"/medgrade.v1.TranscriptService/Parse"')).map((line) => JSON.parse(line));
      assert.deepEqual(calls.map((c) => [c.code, c.service, typeof c.duration_ms]), [
        ['OK', 'medgrade-transcript', 'number'],
        ['INVALID_ARGUMENT', 'medgrade-transcript', 'number'],
      ]);
    } finally {
      client.close();
      service.child.kill('SIGKILL');
    }
  });
});
