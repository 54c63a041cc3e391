import type * as grpc from '@grpc/grpc-js';
import type { MethodDefinition } from '@grpc/proto-loader';
import type { FeedbackServiceDefinition } from './generated/medgrade/v1/FeedbackService';
import type { OrchestratorDefinition } from './generated/medgrade/v1/Orchestrator';
import type { QaValidationServiceDefinition } from './generated/medgrade/v1/QaValidationService';
import type { QuestionMatchingServiceDefinition } from './generated/medgrade/v1/QuestionMatchingService';
import type { ReasoningServiceDefinition } from './generated/medgrade/v1/ReasoningService';
import type { RubricEditServiceDefinition } from './generated/medgrade/v1/RubricEditService';
import type { RubricStoreServiceDefinition } from './generated/medgrade/v1/RubricStoreService';
import type { ScoringServiceDefinition } from './generated/medgrade/v1/ScoringService';
import type { StructureServiceDefinition } from './generated/medgrade/v1/StructureService';
import type { SummaryServiceDefinition } from './generated/medgrade/v1/SummaryService';
import type { TranscriptServiceDefinition } from './generated/medgrade/v1/TranscriptService';
import { loadProtos } from './proto';

/** Every gRPC service of package medgrade.v1, by its short name (catalog `grpcService`). */
export interface ServiceDefinitions {
  FeedbackService: FeedbackServiceDefinition;
  Orchestrator: OrchestratorDefinition;
  QaValidationService: QaValidationServiceDefinition;
  QuestionMatchingService: QuestionMatchingServiceDefinition;
  ReasoningService: ReasoningServiceDefinition;
  RubricEditService: RubricEditServiceDefinition;
  RubricStoreService: RubricStoreServiceDefinition;
  ScoringService: ScoringServiceDefinition;
  StructureService: StructureServiceDefinition;
  SummaryService: SummaryServiceDefinition;
  TranscriptService: TranscriptServiceDefinition;
}

export type ServiceName = keyof ServiceDefinitions;

/** The declared keys of a type, without its index signature. */
type KnownKeys<T> = keyof { [K in keyof T as string extends K ? never : number extends K ? never : K]: true };

/** Method names of a service (the generated definitions also carry an index signature). */
export type MethodName<N extends ServiceName> = KnownKeys<ServiceDefinitions[N]> & string;

type Method<N extends ServiceName, M extends MethodName<N>> = ServiceDefinitions[N][M];
// `any` below only fills the positions that are not inferred: MethodDefinition is both
// co- and contravariant in its type parameters, so `unknown` would match nothing.
/* eslint-disable @typescript-eslint/no-explicit-any */

/** What a handler receives: the decoded request (scalars present, optionals absent). */
export type RequestOf<N extends ServiceName, M extends MethodName<N>> =
  Method<N, M> extends MethodDefinition<any, any, infer RequestOut, any> ? RequestOut : never;
/** What a caller sends. */
export type RequestIn<N extends ServiceName, M extends MethodName<N>> =
  Method<N, M> extends MethodDefinition<infer RequestIn, any, any, any> ? RequestIn : never;
/** What a handler returns. */
export type ResponseIn<N extends ServiceName, M extends MethodName<N>> =
  Method<N, M> extends MethodDefinition<any, infer ResponseIn, any, any> ? ResponseIn : never;
/** What a caller receives. */
export type ResponseOf<N extends ServiceName, M extends MethodName<N>> =
  Method<N, M> extends MethodDefinition<any, any, any, infer ResponseOut> ? ResponseOut : never;

/** A promise-returning unary handler. Throw a GrpcError to answer with a specific status. */
export type UnaryHandler<N extends ServiceName, M extends MethodName<N>> = (
  request: RequestOf<N, M>,
  call: grpc.ServerUnaryCall<RequestOf<N, M>, ResponseIn<N, M>>,
) => Promise<ResponseIn<N, M>>;

const TAKES_BYTES = Symbol('medgrade.takesBytes');

/**
 * A handler that receives its request as the encoded bytes, to decode them itself (with
 * decodeCore: straight to the core's types, in one pass), and may answer with encoded bytes
 * too (encodeCore), which are sent as they are.
 */
export function takesBytes<N extends ServiceName, M extends MethodName<N>>(
  handler: (request: Buffer, call: grpc.ServerUnaryCall<RequestOf<N, M>, ResponseIn<N, M>>) => Promise<ResponseIn<N, M> | Uint8Array>,
): UnaryHandler<N, M> {
  return Object.assign(handler, { [TAKES_BYTES]: true }) as unknown as UnaryHandler<N, M>;
}

/** A handler that answers with its response already encoded (encodeCore), sent as it is. */
export function answersBytes<N extends ServiceName, M extends MethodName<N>>(
  handler: (request: RequestOf<N, M>, call: grpc.ServerUnaryCall<RequestOf<N, M>, ResponseIn<N, M>>) => Promise<Uint8Array>,
): UnaryHandler<N, M> {
  return handler as unknown as UnaryHandler<N, M>;
}

export function handlerTakesBytes(handler: unknown): boolean {
  return typeof handler === 'function' && (handler as unknown as Record<symbol, unknown>)[TAKES_BYTES] === true;
}

export type ServiceImplementation<N extends ServiceName> = { [M in MethodName<N>]: UnaryHandler<N, M> };

/** Implementations of one or more services hosted by one server. */
export type Implementations = { [N in ServiceName]?: ServiceImplementation<N> };

/** Full gRPC service name, e.g. medgrade.v1.TranscriptService (health reports under it). */
export function fullServiceName(name: ServiceName): string {
  return `medgrade.v1.${name}`;
}

type Serialize = (value: unknown) => Buffer;

/** A serialiser that sends an already encoded message (a Uint8Array) as it is. */
function passingBytes(serialize: Serialize): Serialize {
  return (value) => (value instanceof Uint8Array ? Buffer.from(value.buffer, value.byteOffset, value.byteLength) : serialize(value));
}

const definitions = new Map<ServiceName, unknown>();

/**
 * The service's method definitions, as grpc-js clients and servers use them. Requests and
 * responses may be passed already encoded: a message that goes to several services (the
 * parsed transcript) is encoded once, and a result passed on is never re-encoded.
 */
export function serviceDefinition<N extends ServiceName>(name: N): ServiceDefinitions[N] {
  let definition = definitions.get(name) as ServiceDefinitions[N] | undefined;
  if (definition) return definition;
  const constructor = loadProtos().v1[name] as unknown as { service: ServiceDefinitions[N] } | undefined;
  if (!constructor?.service) throw new Error(`medgrade.v1.${name} is not a service of the loaded protos`);
  const methods = constructor.service as unknown as Record<string, MethodDefinition<unknown, unknown> & { requestSerialize: Serialize; responseSerialize: Serialize }>;
  definition = Object.fromEntries(Object.entries(methods).map(([method, spec]) => [method, {
    ...spec,
    requestSerialize: passingBytes(spec.requestSerialize),
    responseSerialize: passingBytes(spec.responseSerialize),
  }])) as unknown as ServiceDefinitions[N];
  definitions.set(name, definition);
  return definition;
}

/** Client-side definitions whose responses arrive as the encoded bytes (for decodeCore, or to pass on). */
export function bytesResponseDefinition<N extends ServiceName>(name: N): ServiceDefinitions[N] {
  const methods = serviceDefinition(name) as unknown as Record<string, object>;
  return Object.fromEntries(Object.entries(methods).map(([method, spec]) => [method, { ...spec, responseDeserialize: (bytes: Buffer) => bytes }])) as unknown as ServiceDefinitions[N];
}

/** Server-side definition of one method whose handler takes the request as encoded bytes. */
export function bytesRequestMethod(name: ServiceName, method: string): object {
  const spec = (serviceDefinition(name) as unknown as Record<string, object>)[method];
  return { ...spec, requestDeserialize: (bytes: Buffer) => bytes };
}
