import * as path from 'node:path';
import * as protobuf from 'protobufjs';
import type * as core from '@medgrade/core';
import type { CommunicationResult } from './generated/medgrade/v1/CommunicationResult';
import type { ComponentScores } from './generated/medgrade/v1/ComponentScores';
import type { Feedback } from './generated/medgrade/v1/Feedback';
import type { GradingReport } from './generated/medgrade/v1/GradingReport';
import type { JsonPatchOperation } from './generated/medgrade/v1/JsonPatchOperation';
import type { ParsedTranscript } from './generated/medgrade/v1/ParsedTranscript';
import type { PreviewEditResponse } from './generated/medgrade/v1/PreviewEditResponse';
import type { QaReport } from './generated/medgrade/v1/QaReport';
import type { QuestionsResult } from './generated/medgrade/v1/QuestionsResult';
import type { ReasoningResult } from './generated/medgrade/v1/ReasoningResult';
import type { ReportDetails } from './generated/medgrade/v1/ReportDetails';
import type { Rubric } from './generated/medgrade/v1/Rubric';
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

function coreKey(field: protobuf.Field): string {
  return field.name.endsWith(JSON_SUFFIX) ? field.name.slice(0, -JSON_SUFFIX.length) : field.name;
}

/** Optional fields, oneof members and messages may be absent; plain scalars always have a value. */
function mayBeAbsent(field: protobuf.Field): boolean {
  return field.partOf !== null || field.resolvedType instanceof protobuf.Type;
}

function decodeValue(field: protobuf.Field, value: unknown): unknown {
  if (field.resolvedType instanceof protobuf.Type) return decodeMessage(field.resolvedType, value as Plain);
  if (field.name.endsWith(JSON_SUFFIX)) return JSON.parse(value as string);
  return value;
}

function decodeMessage(type: protobuf.Type, message: Plain): Plain {
  const result: Plain = {};
  for (const field of type.fieldsArray) {
    const raw = message[field.name];
    const key = coreKey(field);
    if (field.repeated) {
      result[key] = ((raw as unknown[] | undefined) ?? []).map((element) => decodeValue(field, element));
    } else if (raw === undefined || raw === null) {
      if (OMITTED_WHEN_ABSENT.has(`${type.name}.${field.name}`)) continue;
      result[key] = mayBeAbsent(field) ? null : field.typeDefault;
    } else {
      result[key] = decodeValue(field, raw);
    }
  }
  return result;
}

function encodeValue(field: protobuf.Field, value: unknown): unknown {
  if (field.resolvedType instanceof protobuf.Type) return encodeMessage(field.resolvedType, value as Plain);
  if (field.name.endsWith(JSON_SUFFIX)) return JSON.stringify(value);
  return value;
}

function encodeMessage(type: protobuf.Type, value: Plain): Plain {
  const result: Plain = {};
  for (const field of type.fieldsArray) {
    const raw = value[coreKey(field)];
    // null is a value worth sending for a JSON field ("null"), and means absent for the rest.
    if (raw === undefined || (raw === null && !field.name.endsWith(JSON_SUFFIX))) continue;
    result[field.name] = field.repeated ? (raw as unknown[]).map((element) => encodeValue(field, element)) : encodeValue(field, raw);
  }
  return result;
}

/** A decoded proto message (as grpc-js hands it over) as the core type. */
export function fromProto<K extends MessageName>(name: K, message: unknown): CoreMessages[K] {
  return decodeMessage(messageType(name), (message ?? {}) as Plain) as unknown as CoreMessages[K];
}

/** A core value as a proto message ready to send. */
export function toProto<K extends MessageName>(name: K, value: CoreMessages[K]): ProtoMessages[K] {
  return encodeMessage(messageType(name), value as unknown as Plain) as ProtoMessages[K];
}

/** Like fromProto for a message that may be unset: null stays null. */
export function fromProtoOrNull<K extends MessageName>(name: K, message: unknown): CoreMessages[K] | null {
  return message === undefined || message === null ? null : fromProto(name, message);
}
