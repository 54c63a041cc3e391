import assert from 'node:assert/strict';
import http from 'node:http';
import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import { HealthImplementation, protoPath } from 'grpc-health-check';
import {
  clientMetricsInterceptor,
  metricsText,
  observeReportScores,
  recordRubricCache,
  serverMetricsInterceptor,
  startMetricsServer,
} from '../src/metrics';

type HealthClient = grpc.Client & {
  check(request: { service: string }, callback: (error: grpc.ServiceError | null) => void): void;
};

function sample(text: string, name: string, labels: Record<string, string>): number | undefined {
  const wanted = Object.entries(labels).map(([k, v]) => `${k}="${v}"`);
  const line = text.split('\n').find((l) => l.startsWith(`${name}{`) && wanted.every((w) => l.includes(w)));
  return line === undefined ? undefined : Number(line.slice(line.lastIndexOf(' ') + 1));
}

function typeOf(text: string, name: string): string | undefined {
  return text.match(new RegExp(`^# TYPE ${name} (\\w+)$`, 'm'))?.[1];
}

describe('kit metrics', () => {
  let server: grpc.Server;
  let client: HealthClient;

  before(async () => {
    server = new grpc.Server({ interceptors: [serverMetricsInterceptor('probe')] });
    new HealthImplementation({ '': 'SERVING' }).addToServer(server);
    const port = await new Promise<number>((resolve, reject) =>
      server.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (e, p) => (e ? reject(e) : resolve(p))),
    );
    const pkg = grpc.loadPackageDefinition(protoLoader.loadSync(protoPath)) as unknown as {
      grpc: { health: { v1: { Health: new (...args: unknown[]) => HealthClient } } };
    };
    client = new pkg.grpc.health.v1.Health(`127.0.0.1:${port}`, grpc.credentials.createInsecure(), {
      interceptors: [clientMetricsInterceptor],
    });
  });

  after(() => {
    client.close();
    server.forceShutdown();
  });

  const check = (service: string) =>
    new Promise<grpc.status>((resolve) => client.check({ service }, (error) => resolve(error ? error.code : grpc.status.OK)));

  it('counts client and server calls by method and status code, passing answers through unchanged', async () => {
    // Other tests in the same process use the same registry: compare before and after.
    const labels = { grpc_service: 'grpc.health.v1.Health', grpc_method: 'Check' };
    const read = async () => {
      const { body } = await metricsText();
      return {
        clientOk: sample(body, 'grpc_client_handled_total', { ...labels, grpc_code: 'OK' }) ?? 0,
        clientNotFound: sample(body, 'grpc_client_handled_total', { ...labels, grpc_code: 'NOT_FOUND' }) ?? 0,
        serverNotFound: sample(body, 'grpc_server_handled_total', { ...labels, grpc_code: 'NOT_FOUND' }) ?? 0,
        serverCount: sample(body, 'grpc_server_handling_seconds_count', labels) ?? 0,
        probeRequests: sample(body, 'grading_requests_total', { service: 'medgrade-probe' }),
      };
    };
    const before = await read();
    assert.equal(await check(''), grpc.status.OK);
    assert.equal(await check('no.such.Service'), grpc.status.NOT_FOUND);
    const after = await read();
    assert.equal(after.clientOk - before.clientOk, 1);
    assert.equal(after.clientNotFound - before.clientNotFound, 1);
    assert.equal(after.serverNotFound - before.serverNotFound, 1);
    assert.equal(after.serverCount - before.serverCount, 2);
    // Health probes are infrastructure, not gradings: they must not inflate the request metrics.
    assert.equal(after.probeRequests, undefined);
  });

  it('exposes score histograms over [0,1], never observing a missing component', async () => {
    const before = (await metricsText()).body;
    const delta = (body: string, name: string, labels: Record<string, string>) =>
      (sample(body, name, labels) ?? 0) - (sample(before, name, labels) ?? 0);
    observeReportScores({ structure: 1, key_questions: 0.5, reasoning: null }, 0.75);
    const { body } = await metricsText();
    assert.equal(typeOf(body, 'grading_component_scores'), 'histogram');
    assert.equal(typeOf(body, 'grading_overall_scores'), 'histogram');
    assert.equal(delta(body, 'grading_component_scores_bucket', { component: 'key_questions', le: '0.5' }), 1);
    assert.equal(delta(body, 'grading_component_scores_bucket', { component: 'key_questions', le: '0.4' }), 0);
    assert.equal(delta(body, 'grading_component_scores_count', { component: 'reasoning' }), 0, 'a missing component is not observed as zero');
    assert.equal(delta(body, 'grading_overall_scores_bucket', { le: '0.7' }), 0);
    assert.equal(delta(body, 'grading_overall_scores_bucket', { le: '0.8' }), 1);
  });

  it('reports the rubric cache hit ratio', async () => {
    const counts = (body: string) => ({
      hit: sample(body, 'rubric_cache_requests_total', { result: 'hit' }) ?? 0,
      miss: sample(body, 'rubric_cache_requests_total', { result: 'miss' }) ?? 0,
    });
    const start = counts((await metricsText()).body);
    recordRubricCache(true);
    recordRubricCache(true);
    recordRubricCache(false);
    const { body } = await metricsText();
    const now = counts(body);
    assert.deepEqual({ hit: now.hit - start.hit, miss: now.miss - start.miss }, { hit: 2, miss: 1 });
    const ratio = Number(body.match(/^rubric_cache_hit_ratio(?:\{[^}]*\})? (\S+)$/m)?.[1]);
    assert.ok(Math.abs(ratio - now.hit / (now.hit + now.miss)) < 1e-9, `ratio ${ratio}`);
  });

  it('serves the exposition over HTTP on a metrics port and 404s elsewhere', async () => {
    const metricsServer = await startMetricsServer(0, '127.0.0.1');
    const { port } = metricsServer.address() as { port: number };
    const get = (path: string) =>
      new Promise<{ status: number; type: string; body: string }>((resolve, reject) => {
        http.get({ host: '127.0.0.1', port, path }, (res) => {
          let body = '';
          res.on('data', (chunk) => (body += chunk));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, type: String(res.headers['content-type']), body }));
        }).on('error', reject);
      });
    try {
      const ok = await get('/metrics');
      assert.equal(ok.status, 200);
      assert.match(ok.type, /^text\/plain/);
      assert.match(ok.body, /^# TYPE grading_requests_total counter$/m);
      assert.equal((await get('/other')).status, 404);
    } finally {
      metricsServer.close();
    }
  });
});
