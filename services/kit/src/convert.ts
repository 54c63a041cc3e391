import * as path from 'node:path';
import * as protobuf from 'protobufjs';
import type * as core from '@medgrade/core';
import type { CommunicationResult } from './generated/medgrade/v1/CommunicationResult';
import type { ComponentScores } from './generated/medgrade/v1/ComponentScores';
import type { Feedback } from './generated/medgrade/v1/Feedback';
import type { GradingReport } from './generated/medgrade/v1/GradingReport';
import type { JsonPatchOperation } from './generated/medgrade/v1/JsonPatchOperation';
import type { ParsedTranscript } from './generated/medgrade/v1/ParsedTranscript';
import type { EvaluationRequest } from './generated/medgrade/v1/EvaluationRequest';
import type { ParseResponse } from './generated/medgrade/v1/ParseResponse';
import type { PreviewEditResponse } from './generated/medgrade/v1/PreviewEditResponse';
import type { QaReport } from './generated/medgrade/v1/QaReport';
import type { QuestionsResult } from './generated/medgrade/v1/QuestionsResult';
import type { ReasoningResult } from './generated/medgrade/v1/ReasoningResult';
import type { ReportDetails } from './generated/medgrade/v1/ReportDetails';
import type { Rubric } from './generated/medgrade/v1/Rubric';
import type { RubricRef, RubricRef__Output } from './generated/medgrade/v1/RubricRef';
import type { ScoreRequest } from './generated/medgrade/v1/ScoreRequest';
import type { ScoreResponse } from './generated/medgrade/v1/ScoreResponse';
import type { SectionResult } from './generated/medgrade/v1/SectionResult';
import type { StructureResult } from './generated/medgrade/v1/StructureResult';
import type { SummaryResult } from './generated/medgrade/v1/SummaryResult';
import { PROTO_FILES, PROTO_ROOT } from './proto';

// Converters between decoded proto messages and the grading core's types, driven by the
// proto schema itself so a field added to a .proto needs no converter change:
// - keys come out in .proto declaration order (which follows types.ts), so JSON of a
//   converted report is byte-identical to JSON of the in-process one;
// - an absent proto3 `optional` field or unset message becomes null, except the optional
//   rubric metadata listed in OMITTED_WHEN_ABSENT, which the core types declare with `?`;
// - a field named `<x>_json` carries JSON text and becomes `<x>` holding the parsed value.

/** Core type of each message the converters handle. */
export interface CoreMessages {
  Rubric: core.Rubric;
  ParsedTranscript: core.ParsedTranscript;
  SectionResult: core.SectionResult;
  StructureResult: core.StructureResult;
  QuestionsResult: core.QuestionsResult;
  ReasoningResult: core.ReasoningResult;
  SummaryResult: core.SummaryResult;
  CommunicationResult: core.CommunicationResult;
  ComponentScores: core.GradingReport['component_scores'];
  ReportDetails: core.GradingReport['details'];
  Feedback: core.Feedback;
  GradingReport: core.GradingReport;
  QaReport: core.QaReport;
  JsonPatchOperation: core.JsonPatchOperation;
  PreviewEditResponse: core.EditPreview;
  ParseResponse: { parsed: core.ParsedTranscript | null; sections: core.SectionResult | null };
  EvaluationRequest: CoreEvaluationRequest;
  ScoreRequest: { input: CoreEvaluationRequest | null; details: core.GradingReport['details'] | null };
  RubricRef: RubricRef__Output;
  ScoreResponse: { component_scores: core.GradingReport['component_scores'] | null; overall_score: number | null; communication: core.CommunicationResult | null };
}

/** An EvaluationRequest in the core's types (see common.proto). */
export interface CoreEvaluationRequest {
  rubric: core.Rubric | null;
  rubric_ref: RubricRef__Output | null;
  institution_id: string;
  parsed: core.ParsedTranscript | null;
  sections: core.SectionResult | null;
  summary_text: string | null;
}

/** Proto (sending side) type of the same messages. */
export interface ProtoMessages {
  Rubric: Rubric;
  ParsedTranscript: ParsedTranscript;
  SectionResult: SectionResult;
  StructureResult: StructureResult;
  QuestionsResult: QuestionsResult;
  ReasoningResult: ReasoningResult;
  SummaryResult: SummaryResult;
  CommunicationResult: CommunicationResult;
  ComponentScores: ComponentScores;
  ReportDetails: ReportDetails;
  Feedback: Feedback;
  GradingReport: GradingReport;
  QaReport: QaReport;
  JsonPatchOperation: JsonPatchOperation;
  PreviewEditResponse: PreviewEditResponse;
  ParseResponse: ParseResponse;
  EvaluationRequest: EvaluationRequest;
  ScoreRequest: ScoreRequest;
  RubricRef: RubricRef;
  ScoreResponse: ScoreResponse;
}

export type MessageName = keyof CoreMessages;

const OMITTED_WHEN_ABSENT = new Set([
  'Rubric.status',
  'Rubric.title',
  'Rubric.created_at',
  'Rubric.updated_at',
  'StructurePenalty.rule',
  'PenaltyRule.section',
  'PenaltyRule.first',
  'PenaltyRule.then',
  'CommunicationRule.description',
  'CommunicationRule.pattern',
  'JsonPatchOperation.from',
  'JsonPatchOperation.value_json',
]);

const JSON_SUFFIX = '_json';

let root: protobuf.Root | undefined;

function messageType(name: string): protobuf.Type {
  if (!root) {
    const loaded = new protobuf.Root();
    loaded.resolvePath = (_origin, target) => (path.isAbsolute(target) ? target : path.join(PROTO_ROOT, target));
    loaded.loadSync([...PROTO_FILES], { keepCase: true });
    loaded.resolveAll();
    root = loaded;
  }
  return root.lookupType(`medgrade.v1.${name}`);
}

type Plain = Record<string, unknown>;

/** How one field converts, worked out once per message type rather than on every value. */
interface FieldPlan {
  /** Proto field name. */
  name: string;
  /** Core key: the name, without `_json` for JSON-text fields. */
  key: string;
  json: boolean;
  repeated: boolean;
  /** The nested message's plan, for message fields. */
  message: TypePlan | null;
  /** Absent: leave the key out of the core value. */
  omitWhenAbsent: boolean;
  /** Absent: null (optional fields, oneof members, messages); otherwise the proto3 default. */
  absent: unknown;
}

interface TypePlan {
  type: protobuf.Type;
  fields: FieldPlan[];
  /** Some field here or below carries JSON text, so core values are not proto values as they are. */
  hasJson: boolean;
}

const plans = new Map<protobuf.Type, TypePlan>();

function planOf(type: protobuf.Type): TypePlan {
  let plan = plans.get(type);
  if (plan) return plan;
  plan = { type, fields: [], hasJson: false };
  plans.set(type, plan); // before the fields: a message may (indirectly) contain itself
  for (const field of type.fieldsArray) {
    const json = field.name.endsWith(JSON_SUFFIX);
    const message = field.resolvedType instanceof protobuf.Type ? planOf(field.resolvedType) : null;
    // Optional fields, oneof members and messages may be absent; plain scalars always have a value.
    const mayBeAbsent = field.partOf !== null || message !== null;
    plan.fields.push({
      name: field.name,
      key: json ? field.name.slice(0, -JSON_SUFFIX.length) : field.name,
      json,
      repeated: field.repeated,
      message,
      omitWhenAbsent: OMITTED_WHEN_ABSENT.has(`${type.name}.${field.name}`),
      absent: mayBeAbsent ? null : field.typeDefault,
    });
    plan.hasJson ||= json || (message?.hasJson ?? false);
  }
  return plan;
}

const typePlans = new Map<string, TypePlan>();

function planNamed(name: string): TypePlan {
  let plan = typePlans.get(name);
  if (!plan) typePlans.set(name, (plan = planOf(messageType(name))));
  return plan;
}

const hasOwn = Object.prototype.hasOwnProperty;

function decodeValue(field: FieldPlan, value: unknown): unknown {
  if (field.message) return decodeMessage(field.message, value as Plain);
  if (field.json) return JSON.parse(value as string);
  return value;
}

/**
 * A message as the core type. Works on plain objects (as grpc-js hands them over) and on
 * protobufjs messages fresh from decode, whose unset fields are not own properties.
 */
function decodeMessage(plan: TypePlan, message: Plain): Plain {
  const result: Plain = {};
  for (const field of plan.fields) {
    const raw = hasOwn.call(message, field.name) ? message[field.name] : undefined;
    if (field.repeated) {
      const list = (raw as unknown[] | undefined) ?? [];
      const out = new Array<unknown>(list.length);
      for (let i = 0; i < list.length; i++) out[i] = decodeValue(field, list[i]);
      result[field.key] = out;
    } else if (raw === undefined || raw === null) {
      if (!field.omitWhenAbsent) result[field.key] = field.absent;
    } else {
      result[field.key] = decodeValue(field, raw);
    }
  }
  return result;
}

function encodeValue(field: FieldPlan, value: unknown): unknown {
  if (field.message) return encodeMessage(field.message, value as Plain);
  if (field.json) return JSON.stringify(value);
  return value;
}

function encodeMessage(plan: TypePlan, value: Plain): Plain {
  const result: Plain = {};
  for (const field of plan.fields) {
    const raw = value[field.key];
    // null is a value worth sending for a JSON field ("null"), and means absent for the rest.
    if (raw === undefined || (raw === null && !field.json)) continue;
    result[field.name] = field.repeated ? (raw as unknown[]).map((element) => encodeValue(field, element)) : encodeValue(field, raw);
  }
  return result;
}

/** A decoded proto message (as grpc-js hands it over) as the core type. */
export function fromProto<K extends MessageName>(name: K, message: unknown): CoreMessages[K] {
  return decodeMessage(planNamed(name), (message ?? {}) as Plain) as unknown as CoreMessages[K];
}

/** A core value as a proto message ready to send. */
export function toProto<K extends MessageName>(name: K, value: CoreMessages[K]): ProtoMessages[K] {
  return encodeMessage(planNamed(name), value as unknown as Plain) as ProtoMessages[K];
}

/** Like fromProto for a message that may be unset: null stays null. */
export function fromProtoOrNull<K extends MessageName>(name: K, message: unknown): CoreMessages[K] | null {
  return message === undefined || message === null ? null : fromProto(name, message);
}

/**
 * Protobuf bytes straight to the core type, in one pass: what fromProto gives for the
 * message grpc-js would have decoded, without building that message first.
 */
export function decodeCore<K extends MessageName>(name: K, bytes: Uint8Array): CoreMessages[K] {
  const plan = planNamed(name);
  return decodeMessage(plan, plan.type.decode(bytes) as unknown as Plain) as unknown as CoreMessages[K];
}

/**
 * A core value straight to protobuf bytes: the bytes toProto and grpc-js's serialiser would
 * produce. A core value is already a proto message (same field names, null for absent)
 * except for JSON-text fields, so only messages with those are converted first.
 */
export function encodeCore<K extends MessageName>(name: K, value: CoreMessages[K]): Buffer {
  const plan = planNamed(name);
  const message = plan.hasJson ? encodeMessage(plan, value as unknown as Plain) : value;
  return plan.type.encode(message as unknown as protobuf.Message).finish() as Buffer;
}
