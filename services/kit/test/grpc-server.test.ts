import { strict as assert } from 'node:assert';
import * as grpc from '@grpc/grpc-js';
import {
  createClient,
  createLogger,
  defineService,
  grpcServerConfig,
  grpcServerEnv,
  invalidArgument,
  parseEnv,
  serviceSpec,
  startGrpcService,
  type RunningGrpcService,
} from '../src';
import { checkHealth, listReflectedServices, startTestService } from '../src/testing';

const EMPTY_PARSE = { parsed: { utterances: [], has_timestamps: false, duplicates_removed: 0, warnings: [] }, sections: {} };

// Two services in one server, to show health is kept per service name.
const module = defineService({
  implementations: () => ({
    TranscriptService: {
      Parse: async ({ oral_transcript }) => {
        if (oral_transcript === 'bad') throw invalidArgument('oral_transcript is bad');
        if (oral_transcript === 'crash') throw new Error('secret detail that must not reach the caller');
        return EMPTY_PARSE;
      },
    },
    QaValidationService: { Validate: async () => ({ valid: true, errors: [], warnings: [] }) },
  }),
});

describe('kit gRPC server', function () {
  let service: RunningGrpcService;
  const seenByInterceptor: string[] = [];

  before(async () => {
    service = await startTestService('transcript', module);
  });
  after(async () => {
    await service.shutdown('test over');
  });

  it('reports SERVING per hosted service name and overall, NOT_FOUND for others', async () => {
    assert.equal(await checkHealth(service.address, ''), 'SERVING');
    assert.equal(await checkHealth(service.address, 'medgrade.v1.TranscriptService'), 'SERVING');
    assert.equal(await checkHealth(service.address, 'medgrade.v1.QaValidationService'), 'SERVING');
    assert.equal(await checkHealth(service.address, 'medgrade.v1.ScoringService'), 'NOT_FOUND');
  });

  it('lists the hosted services and health through server reflection', async () => {
    assert.deepEqual(await listReflectedServices(service.address), [
      'grpc.health.v1.Health',
      'medgrade.v1.QaValidationService',
      'medgrade.v1.TranscriptService',
    ]);
  });

  it('answers a GrpcError with its code and message, anything else with a bare INTERNAL', async () => {
    const client = createClient('TranscriptService', service.address);
    try {
      assert.deepEqual(await client.Parse({ oral_transcript: 'fine' }), {
        parsed: { ...EMPTY_PARSE.parsed },
        sections: { sections: [], detected_order: [] },
      });
      await assert.rejects(client.Parse({ oral_transcript: 'bad' }), { code: grpc.status.INVALID_ARGUMENT, details: 'oral_transcript is bad' });
      await assert.rejects(client.Parse({ oral_transcript: 'crash' }), { code: grpc.status.INTERNAL, details: 'internal error' });
    } finally {
      client.close();
    }
  });

  it('runs extra server interceptors on every call', async () => {
    const env = parseEnv('transcript', grpcServerEnv('transcript'), { GRPC_HOST: '127.0.0.1', GRPC_PORT: '0' });
    const recording: grpc.ServerInterceptor = (descriptor, call) => {
      seenByInterceptor.push(descriptor.path);
      return new grpc.ServerInterceptingCall(call);
    };
    const hooked = await startGrpcService({
      spec: serviceSpec('transcript'),
      implementations: await module.implementations({ env: {}, logger: createLogger('transcript', 'silent') }),
      logger: createLogger('transcript', 'silent'),
      config: grpcServerConfig(env),
      interceptors: [recording],
      handleSignals: false,
    });
    const client = createClient('TranscriptService', hooked.address);
    try {
      await client.Parse({ oral_transcript: 'fine' });
      assert.deepEqual(seenByInterceptor, ['/medgrade.v1.TranscriptService/Parse']);
    } finally {
      client.close();
      await hooked.shutdown();
    }
  });

  it('turns every name NOT_SERVING when shutting down', async () => {
    const other = await startTestService('transcript', module, { SHUTDOWN_DRAIN_DELAY_MS: '300' });
    const stopping = other.shutdown('test');
    assert.equal(other.health.status(''), 'NOT_SERVING');
    assert.equal(other.health.status('medgrade.v1.TranscriptService'), 'NOT_SERVING');
    assert.equal(await checkHealth(other.address, 'medgrade.v1.QaValidationService'), 'NOT_SERVING');
    assert.deepEqual(await stopping, { forced: false });
  });

  it('reports its services NOT_SERVING while a dependency check fails (the process stays live), and SERVING again once it passes', async () => {
    let databaseUp = false;
    const withDependency = defineService({
      implementations: module.implementations,
      healthChecks: () => ({
        database: async () => {
          if (!databaseUp) throw new Error('connection refused');
        },
      }),
    });
    const checked = await startTestService('transcript', withDependency, { HEALTH_CHECK_INTERVAL_MS: '50' });
    try {
      assert.equal(await checkHealth(checked.address, 'medgrade.v1.TranscriptService'), 'NOT_SERVING');
      // "" is what liveness probes ask: an outage takes the pod out of rotation, never restarts it.
      assert.equal(await checkHealth(checked.address, ''), 'SERVING');
      databaseUp = true;
      await new Promise((resolve) => setTimeout(resolve, 300));
      assert.equal(await checkHealth(checked.address, 'medgrade.v1.TranscriptService'), 'SERVING');
    } finally {
      await checked.shutdown();
    }
  });
});
