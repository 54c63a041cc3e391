import { strict as assert } from 'node:assert';
import { grade, parseTranscript, segmentSections, type GradingReport, type JsonPatchOperation } from '@medgrade/core';
import { decodeCore, encodeCore, fromProto, loadProtos, toProto, type CoreMessages, type MessageName } from '../src';
import { syncopeRubric, syncopeTranscript } from './support/fixtures';

/** grpc-js's (de)serialiser of a message, as proto-loader builds it. */
function grpcCodec(name: MessageName) {
  return loadProtos().packageDefinition[`medgrade.v1.${name}`] as unknown as { serialize(value: unknown): Buffer; deserialize(bytes: Buffer): unknown };
}

/** Encodes to protobuf bytes and back, exactly as a gRPC call would. */
function overTheWire<K extends MessageName>(name: K, value: CoreMessages[K]): CoreMessages[K] {
  const type = grpcCodec(name);
  const bytes = type.serialize(toProto(name, value));
  const back = fromProto(name, type.deserialize(bytes));
  // The one-pass codecs must agree with the two-step path to the byte and to the key.
  assert.deepEqual(encodeCore(name, value), bytes, `encodeCore(${name}) writes what toProto + serialize write`);
  assert.equal(JSON.stringify(decodeCore(name, bytes)), JSON.stringify(back), `decodeCore(${name}) reads what deserialize + fromProto read`);
  return back;
}

describe('proto <-> core converters', () => {
  it('carry a whole grading report through protobuf byte-identically (JSON text, key order included)', () => {
    for (const style of ['constructive', 'detailed', 'concise'] as const) {
      const report = grade(syncopeRubric(), syncopeTranscript(), { style });
      assert.equal(JSON.stringify(overTheWire('GradingReport', report)), JSON.stringify(report));
    }
  });

  it('carry the rubric unchanged, optional metadata omitted when absent and null patterns kept', () => {
    const rubric = syncopeRubric();
    assert.equal(JSON.stringify(overTheWire('Rubric', rubric)), JSON.stringify(rubric));
    delete rubric.title;
    delete rubric.structure.penalties[0]!.rule;
    const back = overTheWire('Rubric', rubric);
    assert.equal('title' in back, false);
    assert.equal('rule' in back.structure.penalties[0]!, false);
    assert.equal(back.summary.required_elements[1]!.pattern, null);
  });

  it('carry a transcript without timestamps with null times', () => {
    const parsed = parseTranscript('Student: what brings you in?\nPatient: I fainted.');
    const back = overTheWire('ParsedTranscript', parsed);
    assert.equal(JSON.stringify(back), JSON.stringify(parsed));
    assert.equal(back.utterances[0]!.timestamp_start, null);
    assert.equal(JSON.stringify(overTheWire('SectionResult', segmentSections(parsed))), JSON.stringify(segmentSections(parsed)));
  });

  it('turn missing components into null, never zero', () => {
    const report = grade(syncopeRubric(), syncopeTranscript());
    const partial: GradingReport = {
      ...report,
      status: 'partial',
      overall_score: null,
      component_scores: { ...report.component_scores, reasoning: null },
      details: { ...report.details, reasoning: null },
    };
    const back = overTheWire('GradingReport', partial);
    assert.equal(back.overall_score, null);
    assert.equal(back.component_scores.reasoning, null);
    assert.equal(back.details.reasoning, null);
    assert.equal(JSON.stringify(back), JSON.stringify(partial));
  });

  it('carry JSON Patch values of any JSON type as value_json', () => {
    const operations: JsonPatchOperation[] = [
      { op: 'replace', path: '/weights/structure', value: 0.15 },
      { op: 'add', path: '/key_questions/-', value: { id: 'q', phrases: ['a'], critical: false } },
      { op: 'test', path: '/summary/required_elements/1/pattern', value: null },
      { op: 'remove', path: '/key_questions/0' },
      { op: 'move', from: '/a', path: '/b' },
    ];
    for (const operation of operations) assert.deepEqual(overTheWire('JsonPatchOperation', operation), operation);
  });
});
