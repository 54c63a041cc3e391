import * as path from 'node:path';
import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import type { ProtoGrpcType as FeedbackProto } from './generated/feedback';
import type { ProtoGrpcType as OrchestratorProto } from './generated/orchestrator';
import type { ProtoGrpcType as QaValidationProto } from './generated/qa_validation';
import type { ProtoGrpcType as QuestionMatchingProto } from './generated/question_matching';
import type { ProtoGrpcType as ReasoningProto } from './generated/reasoning';
import type { ProtoGrpcType as RubricEditProto } from './generated/rubric_edit';
import type { ProtoGrpcType as RubricStoreProto } from './generated/rubric_store';
import type { ProtoGrpcType as ScoringProto } from './generated/scoring';
import type { ProtoGrpcType as StructureProto } from './generated/structure';
import type { ProtoGrpcType as SummaryProto } from './generated/summary';
import type { ProtoGrpcType as TranscriptProto } from './generated/transcript';

/** proto/ at the repository root; same relative place from src/ (tsx) and dist/ (compiled). */
export const PROTO_ROOT = process.env.MEDGRADE_PROTO_DIR ?? path.resolve(__dirname, '../../../proto');

export const PROTO_FILES = [
  'medgrade/v1/common.proto',
  'medgrade/v1/feedback.proto',
  'medgrade/v1/orchestrator.proto',
  'medgrade/v1/qa_validation.proto',
  'medgrade/v1/question_matching.proto',
  'medgrade/v1/reasoning.proto',
  'medgrade/v1/rubric_edit.proto',
  'medgrade/v1/rubric_store.proto',
  'medgrade/v1/scoring.proto',
  'medgrade/v1/structure.proto',
  'medgrade/v1/summary.proto',
  'medgrade/v1/transcript.proto',
] as const;

/**
 * Loader options. They must agree with the flags in scripts/gen-proto.sh, because the
 * generated __Output types describe exactly what this loader hands to handlers and callbacks:
 * snake_case names, scalars and repeated fields always present, proto3 `optional` fields and
 * unset messages absent/null.
 */
export const LOADER_OPTIONS: protoLoader.Options = {
  keepCase: true,
  longs: Number,
  enums: String,
  defaults: true,
  arrays: true,
  oneofs: false,
  includeDirs: [PROTO_ROOT],
};

/** The medgrade.v1 package: message definitions, service definitions and client constructors. */
export type MedgradeV1 = FeedbackProto['medgrade']['v1'] &
  OrchestratorProto['medgrade']['v1'] &
  QaValidationProto['medgrade']['v1'] &
  QuestionMatchingProto['medgrade']['v1'] &
  ReasoningProto['medgrade']['v1'] &
  RubricEditProto['medgrade']['v1'] &
  RubricStoreProto['medgrade']['v1'] &
  ScoringProto['medgrade']['v1'] &
  StructureProto['medgrade']['v1'] &
  SummaryProto['medgrade']['v1'] &
  TranscriptProto['medgrade']['v1'];

export interface LoadedProtos {
  packageDefinition: protoLoader.PackageDefinition;
  v1: MedgradeV1;
}

let loaded: LoadedProtos | undefined;

/** Loads every medgrade proto once per process. */
export function loadProtos(): LoadedProtos {
  if (!loaded) {
    const packageDefinition = protoLoader.loadSync([...PROTO_FILES], LOADER_OPTIONS);
    const grpcObject = grpc.loadPackageDefinition(packageDefinition) as unknown as { medgrade: { v1: MedgradeV1 } };
    loaded = { packageDefinition, v1: grpcObject.medgrade.v1 };
  }
  return loaded;
}
