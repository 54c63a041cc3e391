import { strict as assert } from 'node:assert';
import * as grpc from '@grpc/grpc-js';
import { createClient, defineService, dialTarget, invalidArgument, type RunningGrpcService } from '../src';
import { startTestService } from '../src/testing';

/** A QA service that answers with its own name in the report, counting the calls it gets. */
function namedService(name: string, calls: { count: number } = { count: 0 }) {
  return defineService({
    implementations: () => ({
      QaValidationService: {
        Validate: async ({ rubric_json }) => {
          calls.count++;
          if (rubric_json === 'invalid') throw invalidArgument('invalid on purpose');
          return { valid: true, errors: [], warnings: [{ pointer: '', code: 'server', message: name }] };
        },
      },
    }),
  });
}

describe('kit gRPC client', function () {
  this.timeout(60_000);

  it('dials hostnames through dns:/// and keeps IP literals and explicit schemes', () => {
    assert.equal(dialTarget('structure.medgrade.svc.cluster.local:50054'), 'dns:///structure.medgrade.svc.cluster.local:50054');
    assert.equal(dialTarget('localhost:50054'), 'dns:///localhost:50054');
    assert.equal(dialTarget('127.0.0.1:50054'), '127.0.0.1:50054');
    assert.equal(dialTarget('[::1]:50054'), '[::1]:50054');
    assert.equal(dialTarget('ipv4:127.0.0.1:1,127.0.0.1:2'), 'ipv4:127.0.0.1:1,127.0.0.1:2');
  });

  it('spreads 300 calls over all three instances behind one target (round_robin, production options)', async () => {
    const servers: RunningGrpcService[] = [];
    for (const name of ['a', 'b', 'c']) servers.push(await startTestService('qa-validation', namedService(name)));
    const target = `ipv4:${servers.map((s) => `127.0.0.1:${s.port}`).join(',')}`;
    const client = createClient('QaValidationService', target);
    try {
      const served: Record<string, number> = {};
      for (let i = 0; i < 300; i++) {
        const report = await client.Validate({ rubric_json: '{}' });
        const name = report.warnings[0]!.message;
        served[name] = (served[name] ?? 0) + 1;
      }
      assert.deepEqual(Object.keys(served).sort(), ['a', 'b', 'c']);
      for (const count of Object.values(served)) assert.ok(count >= 50, `uneven spread: ${JSON.stringify(served)}`);
    } finally {
      client.close();
      await Promise.all(servers.map((s) => s.shutdown()));
    }
  });

  it('retries UNAVAILABLE until a server that starts late answers', async () => {
    // Learn a free port, then leave it closed while the call starts.
    const probe = await startTestService('qa-validation', namedService('probe'));
    const port = probe.port;
    await probe.shutdown();
    // A generous attempt budget: on a loaded machine the late server may take seconds to bind.
    const client = createClient('QaValidationService', `127.0.0.1:${port}`, {
      deadlineMs: 20_000,
      retry: { maxAttempts: 10, initialBackoffMs: 100, maxBackoffMs: 1_000 },
    });
    let late: RunningGrpcService | undefined;
    try {
      const call = client.Validate({ rubric_json: '{}' });
      await new Promise((resolve) => setTimeout(resolve, 700));
      late = await startTestService('qa-validation', namedService('late'), { GRPC_PORT: String(port) });
      const report = await call;
      assert.equal(report.warnings[0]!.message, 'late');
    } finally {
      client.close();
      await late?.shutdown();
    }
  });

  it('gives up on UNAVAILABLE after the configured attempts, and never retries other codes', async () => {
    const calls = { count: 0 };
    const server = await startTestService('qa-validation', namedService('once', calls));
    const client = createClient('QaValidationService', server.address);
    try {
      await assert.rejects(client.Validate({ rubric_json: 'invalid' }), { code: grpc.status.INVALID_ARGUMENT });
      assert.equal(calls.count, 1);
    } finally {
      client.close();
      await server.shutdown();
    }
    const closedClient = createClient('QaValidationService', server.address, {
      retry: { maxAttempts: 2, initialBackoffMs: 10, maxBackoffMs: 10 },
    });
    try {
      await assert.rejects(closedClient.Validate({ rubric_json: '{}' }), { code: grpc.status.UNAVAILABLE });
    } finally {
      closedClient.close();
    }
  });
});
