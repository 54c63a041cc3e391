import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as grpc from '@grpc/grpc-js';
import { grade, type Rubric } from '@medgrade/core';
import {
  createClient,
  createLogger,
  defineService,
  fromProto,
  GrpcError,
  notFound,
  serviceDefinition,
  toProto,
  type GrpcClient,
  type RunningGrpcService,
  type ServiceImplementation,
} from '@medgrade/kit';
import type { GetRubricRequest__Output } from '@medgrade/kit/generated/medgrade/v1/GetRubricRequest';
import { checkHealth, startTestService } from '@medgrade/kit/testing';
import { syncopeRubric, syncopeTranscript } from '../../kit/test/support/fixtures';
import { DOWNSTREAM_MODULES, startCluster, type Cluster } from './support/cluster';

describe('orchestrator Grade over real gRPC services', function () {
  this.timeout(60_000);
  let cluster: Cluster;
  let client: GrpcClient<'Orchestrator'>;

  before(async () => {
    cluster = await startCluster({ GRPC_RETRY_MAX_ATTEMPTS: '2', GRPC_RETRY_INITIAL_BACKOFF_MS: '20' });
    client = createClient('Orchestrator', cluster.orchestrator.address, { deadlineMs: 20_000 });
  });
  after(async () => {
    client.close();
    await cluster.stop();
  });

  it('reports SERVING under its own name', async () => {
    assert.equal(await checkHealth(cluster.orchestrator.address, 'medgrade.v1.Orchestrator'), 'SERVING');
  });

  for (const style of ['constructive', 'detailed', 'concise'] as const) {
    it(`returns exactly the in-process grade() report (${style}), apart from grading_id and graded_at`, async () => {
      const answer = await client.Grade({
        rubric: toProto('Rubric', syncopeRubric()),
        oral_transcript: syncopeTranscript(),
        style,
        grading_id: 'g-123',
      });
      const report = fromProto('GradingReport', answer);
      assert.equal(report.grading_id, 'g-123');
      assert.ok(!Number.isNaN(Date.parse(report.graded_at)));
      const expected = grade(syncopeRubric(), syncopeTranscript(), { style, gradingId: 'g-123', gradedAt: report.graded_at });
      assert.equal(JSON.stringify(report), JSON.stringify(expected));
    });
  }

  it('grades a separately written summary the same way as grade()', async () => {
    const summaryText = 'A 19-year-old man with exertional syncope and palpitations; I would get an ECG.';
    const report = fromProto('GradingReport', await client.Grade({
      rubric: toProto('Rubric', syncopeRubric()), oral_transcript: syncopeTranscript(), summary_text: summaryText,
    }));
    const expected = grade(syncopeRubric(), syncopeTranscript(), { summaryText, gradingId: report.grading_id, gradedAt: report.graded_at });
    assert.equal(JSON.stringify(report), JSON.stringify(expected));
    assert.equal(report.details.summary?.source, 'summary_text');
  });

  it('answers INVALID_ARGUMENT for an empty transcript, an unknown style, a missing rubric and a rubric the engine cannot run', async () => {
    const rubric = toProto('Rubric', syncopeRubric());
    await assert.rejects(client.Grade({ rubric, oral_transcript: '  ' }), { code: grpc.status.INVALID_ARGUMENT, details: 'oral_transcript is empty' });
    await assert.rejects(client.Grade({ rubric, oral_transcript: 'x', style: 'harsh' }), { code: grpc.status.INVALID_ARGUMENT, details: /style must be one of/ });
    await assert.rejects(client.Grade({ oral_transcript: 'x' }), { code: grpc.status.INVALID_ARGUMENT, details: 'rubric or ref is required' });
    const broken = syncopeRubric();
    broken.reasoning.required_links[0]!.pattern = '(unclosed';
    await assert.rejects(client.Grade({ rubric: toProto('Rubric', broken), oral_transcript: syncopeTranscript() }), {
      code: grpc.status.INVALID_ARGUMENT,
      details: /rubric is invalid: .*required_links\/0\/pattern/,
    });
  });

  it('returns a partial report naming the component when an evaluator is down, never a zero', async () => {
    const reasoning = cluster.downstream.reasoning!;
    await reasoning.shutdown();
    try {
      const report = fromProto('GradingReport', await client.Grade({ rubric: toProto('Rubric', syncopeRubric()), oral_transcript: syncopeTranscript() }));
      assert.equal(report.status, 'partial');
      assert.equal(report.component_scores.reasoning, null);
      assert.equal(report.details.reasoning, null);
      assert.equal(report.overall_score, null);
      assert.equal(typeof report.component_scores.structure, 'number');
      assert.ok(report.warnings.some((w) => /^component reasoning was not evaluated: .*ReasoningService.*UNAVAILABLE/.test(w)), report.warnings.join('\n'));
      const reasoningFeedback = report.feedback.sections.find((s) => s.category === 'reasoning');
      assert.equal(reasoningFeedback?.items[0]?.type, 'info');
    } finally {
      // Bring it back on a new port for the tests after this one.
      cluster.downstream.reasoning = await startTestService('reasoning', DOWNSTREAM_MODULES.reasoning!);
    }
  });
});

describe('orchestrator deadlines', function () {
  this.timeout(60_000);

  it('marks an evaluator that outlives its deadline as missing (DEADLINE_EXCEEDED), without waiting for it', async () => {
    const realSummary = await DOWNSTREAM_MODULES.summary!.implementations({ env: {}, logger: createLogger('summary', 'silent') });
    const slowSummary = defineService({
      implementations: () => ({
        SummaryService: {
          Evaluate: async (request, call) => {
            await new Promise((resolve) => setTimeout(resolve, 6_000));
            return realSummary.SummaryService!.Evaluate(request, call);
          },
        },
      }),
    });
    const cluster = await startCluster({ GRPC_CALL_DEADLINE_MS: '1000' }, { summary: slowSummary });
    const client = createClient('Orchestrator', cluster.orchestrator.address, { deadlineMs: 20_000 });
    try {
      const started = Date.now();
      const report = fromProto('GradingReport', await client.Grade({ rubric: toProto('Rubric', syncopeRubric()), oral_transcript: syncopeTranscript() }));
      assert.ok(Date.now() - started < 5_000, 'the orchestrator waited for the slow evaluator');
      assert.equal(report.status, 'partial');
      assert.equal(report.component_scores.summary, null);
      assert.ok(report.warnings.some((w) => /^component summary was not evaluated: .*DEADLINE_EXCEEDED/.test(w)), report.warnings.join('\n'));
    } finally {
      client.close();
      await cluster.stop();
    }
  });
});

describe('orchestrator rubric by reference', function () {
  this.timeout(60_000);
  let cluster: Cluster;
  let store: RunningGrpcService;
  const lookups: { institution_id: string; rubric_id: string; version: string }[] = [];

  before(async () => {
    // A stand-in for the rubric store that knows one rubric (the real service lives in
    // services/rubric-store); its other methods answer UNIMPLEMENTED.
    const unimplemented = Object.fromEntries(
      Object.keys(serviceDefinition('RubricStoreService')).map((method) => [method, async () => { throw new GrpcError(grpc.status.UNIMPLEMENTED, method); }]),
    );
    const standIn = {
      ...unimplemented,
      GetRubric: async (request: GetRubricRequest__Output) => {
        lookups.push({ institution_id: request.institution_id, rubric_id: request.rubric_id, version: request.version });
        if (request.rubric_id !== 'syncope_v1') throw notFound(`no rubric ${request.rubric_id}`);
        return { rubric: toProto('Rubric', syncopeRubric()), status: 'approved', version: '1.2.0', rubric_id: 'syncope_v1' };
      },
    } as unknown as ServiceImplementation<'RubricStoreService'>;
    store = await startTestService('rubric-store', defineService({ implementations: () => ({ RubricStoreService: standIn }) }));
    cluster = await startCluster({ RUBRIC_STORE_ADDR: store.address, GRPC_RETRY_MAX_ATTEMPTS: '2', GRPC_RETRY_INITIAL_BACKOFF_MS: '20' });
  });
  after(async () => {
    await cluster.stop();
    await store.shutdown();
  });

  it('fetches the rubric from the rubric store (empty version = latest approved) and grades with it', async () => {
    const client = createClient('Orchestrator', cluster.orchestrator.address, { deadlineMs: 20_000 });
    try {
      const report = fromProto('GradingReport', await client.Grade({
        ref: { rubric_id: 'syncope_v1', version: '' }, institution_id: 'inst-1', oral_transcript: syncopeTranscript(),
      }));
      assert.deepEqual(lookups, [{ institution_id: 'inst-1', rubric_id: 'syncope_v1', version: '' }]);
      assert.equal(report.rubric_version, '1.2.0');
      const expected = grade(syncopeRubric(), syncopeTranscript(), { gradingId: report.grading_id, gradedAt: report.graded_at });
      assert.equal(JSON.stringify(report), JSON.stringify(expected));
    } finally {
      client.close();
    }
  });

  it('passes NOT_FOUND through for an unknown rubric', async () => {
    const client = createClient('Orchestrator', cluster.orchestrator.address, { deadlineMs: 20_000 });
    try {
      await assert.rejects(
        client.Grade({ ref: { rubric_id: 'nope', version: '' }, institution_id: 'inst-1', oral_transcript: syncopeTranscript() }),
        { code: grpc.status.NOT_FOUND, details: 'rubric store: no rubric nope' },
      );
    } finally {
      client.close();
    }
  });

  it('answers UNAVAILABLE when the rubric store cannot be reached', async () => {
    await store.shutdown();
    // One attempt from this client: the retries under test are the orchestrator's.
    const client = createClient('Orchestrator', cluster.orchestrator.address, { deadlineMs: 20_000, retry: { maxAttempts: 1, initialBackoffMs: 1, maxBackoffMs: 1 } });
    try {
      await assert.rejects(
        client.Grade({ ref: { rubric_id: 'syncope_v1', version: '' }, institution_id: 'inst-1', oral_transcript: syncopeTranscript() }),
        { code: grpc.status.UNAVAILABLE, details: /^rubric store failed: UNAVAILABLE/ },
      );
    } finally {
      client.close();
    }
  });
});

describe('orchestrator citation check', function () {
  this.timeout(60_000);

  it('withholds a report whose feedback cites an anchor the rubric lacks: INTERNAL, never shipped', async () => {
    // A feedback service that composes real feedback, then corrupts one rubric citation.
    const realFeedback = await DOWNSTREAM_MODULES.feedback!.implementations({ env: {}, logger: createLogger('feedback', 'silent') });
    const corrupting = defineService({
      implementations: () => ({
        FeedbackService: {
          ...realFeedback.FeedbackService!,
          Compose: async (request, call) => {
            const feedback = await realFeedback.FeedbackService!.Compose(request, call);
            feedback.sections![0]!.items![0]!.citations = { rubric: ['rubric://syncope_v1#not-an-anchor'], student: [] };
            return feedback;
          },
        },
      }),
    });
    const cluster = await startCluster({}, { feedback: corrupting });
    const client = createClient('Orchestrator', cluster.orchestrator.address, { deadlineMs: 20_000, retry: { maxAttempts: 1, initialBackoffMs: 1, maxBackoffMs: 1 } });
    try {
      await assert.rejects(client.Grade({ rubric: toProto('Rubric', syncopeRubric()), oral_transcript: syncopeTranscript() }), {
        code: grpc.status.INTERNAL,
        details: /citations are invalid: .*not-an-anchor/,
      });
    } finally {
      client.close();
      await cluster.stop();
    }
  });
});

describe('orchestrator on the reference examples', function () {
  this.timeout(60_000);
  const referenceDir = path.resolve(__dirname, '../../../../shared/reference-data');
  const examples = [
    ['stroke_v1.json', 'stroke_transcript_001.txt'],
    ['chest_pain_v1.json', 'chest_pain_transcript_001.txt'],
  ] as const;
  let cluster: Cluster | undefined;

  before(async function () {
    if (!fs.existsSync(referenceDir)) this.skip();
    cluster = await startCluster();
  });
  after(async () => {
    await cluster?.stop();
  });

  for (const [rubricFile, transcriptFile] of examples) {
    it(`grades ${transcriptFile} exactly as grade() does`, async () => {
      const rubric = JSON.parse(fs.readFileSync(path.join(referenceDir, rubricFile), 'utf8')) as Rubric;
      const transcript = fs.readFileSync(path.join(referenceDir, transcriptFile), 'utf8');
      const client = createClient('Orchestrator', cluster!.orchestrator.address, { deadlineMs: 20_000 });
      try {
        const report = fromProto('GradingReport', await client.Grade({ rubric: toProto('Rubric', rubric), oral_transcript: transcript }));
        const expected = grade(rubric, transcript, { gradingId: report.grading_id, gradedAt: report.graded_at });
        assert.equal(JSON.stringify(report), JSON.stringify(expected));
        assert.equal(report.status, 'complete');
      } finally {
        client.close();
      }
    });
  }
});
