import { strict as assert } from 'node:assert';
import * as grpc from '@grpc/grpc-js';
import { parseTranscript, segmentSections, type Rubric } from '@medgrade/core';
import {
  createClient,
  fromProto,
  toProto,
  type CoreMessages,
  type GrpcClient,
  type MessageName,
  type RunningGrpcService,
  type ServiceModule,
  type ServiceName,
} from '../../src';
import type { EvaluationRequest } from '../../src/generated/medgrade/v1/EvaluationRequest';
import { checkHealth, startTestService } from '../../src/testing';
import { syncopeRubric, syncopeTranscript } from './fixtures';

/** Starts a service module on a loopback port for the enclosing describe block, with a client to it. */
export function serviceUnderTest<N extends ServiceName>(name: string, module: ServiceModule, grpcService: N) {
  const handle = {} as { server: RunningGrpcService; client: GrpcClient<N> };
  before(async () => {
    handle.server = await startTestService(name, module);
    handle.client = createClient(grpcService, handle.server.address, { retry: { maxAttempts: 1, initialBackoffMs: 1, maxBackoffMs: 1 } });
  });
  after(async () => {
    handle.client.close();
    await handle.server.shutdown();
  });
  it(`reports medgrade.v1.${grpcService} SERVING`, async () => {
    assert.equal(await checkHealth(handle.server.address, `medgrade.v1.${grpcService}`), 'SERVING');
  });
  return handle;
}

/** The evaluation request for the syncope fixtures, and its inputs as core values. */
export function syncopeEvaluation(rubric: Rubric = syncopeRubric(), summaryText?: string) {
  const parsed = parseTranscript(syncopeTranscript());
  const sections = segmentSections(parsed);
  const request: EvaluationRequest = {
    rubric: toProto('Rubric', rubric),
    parsed: toProto('ParsedTranscript', parsed),
    sections: toProto('SectionResult', sections),
    ...(summaryText === undefined ? {} : { summary_text: summaryText }),
  };
  return { request, rubric, parsed, sections, summaryText };
}

type EvaluatorName = 'StructureService' | 'ReasoningService' | 'SummaryService' | 'QuestionMatchingService';

/**
 * The contract every evaluator service keeps: it answers what the core function computes
 * in-process (same values), and a missing input or a rubric the engine cannot run is
 * INVALID_ARGUMENT with a message saying so.
 */
export function describeEvaluator<K extends MessageName>(spec: {
  name: string;
  module: ServiceModule;
  grpcService: EvaluatorName;
  result: K;
  inProcess: (input: ReturnType<typeof syncopeEvaluation>) => CoreMessages[K];
  /** Makes the rubric unusable for this evaluator. */
  breakRubric: (rubric: Rubric) => void;
}): void {
  describe(`${spec.name} service`, function () {
    this.timeout(30_000);
    const service = serviceUnderTest(spec.name, spec.module, spec.grpcService);
    const evaluate = (request: EvaluationRequest) => (service.client as GrpcClient<'StructureService'>).Evaluate(request);

    for (const summaryText of [undefined, 'A 19-year-old man with exertional syncope, palpitations and no prodrome; ECG next.']) {
      it(`answers what the core computes in-process (${summaryText ? 'written summary' : 'oral summary'})`, async () => {
        const input = syncopeEvaluation(syncopeRubric(), summaryText);
        const answer = fromProto(spec.result, await evaluate(input.request));
        // Same values; key order is the report's (the orchestrator test checks the bytes).
        assert.deepStrictEqual(answer, JSON.parse(JSON.stringify(spec.inProcess(input))));
      });
    }

    it('answers INVALID_ARGUMENT when an input is missing', async () => {
      const { request } = syncopeEvaluation();
      await assert.rejects(evaluate({ ...request, rubric: undefined }), { code: grpc.status.INVALID_ARGUMENT, details: 'rubric is required' });
      await assert.rejects(evaluate({ ...request, parsed: undefined }), { code: grpc.status.INVALID_ARGUMENT, details: 'parsed is required' });
      await assert.rejects(evaluate({ ...request, sections: undefined }), { code: grpc.status.INVALID_ARGUMENT, details: 'sections is required' });
    });

    it('answers INVALID_ARGUMENT naming the problem when the rubric cannot be used', async () => {
      const rubric = syncopeRubric();
      spec.breakRubric(rubric);
      await assert.rejects(evaluate(syncopeEvaluation(rubric).request), { code: grpc.status.INVALID_ARGUMENT, details: /^rubric is invalid: / });
    });
  });
}
