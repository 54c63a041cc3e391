import * as path from 'node:path';
import * as grpc from '@grpc/grpc-js';
import * as protobuf from 'protobufjs';
import { service as healthService } from 'grpc-health-check';
import type { GradingReport, QaReport, Rubric } from '@medgrade/core';
import { PROTO_ROOT, createBytesClient, createClient, decodeCore, dialTarget, fromProto, serviceSpec, toProto, type CallOptions } from '@medgrade/kit';
import type { GradeRequest } from '@medgrade/kit/generated/medgrade/v1/GradeRequest';
import type { PreviewEditRequest } from '@medgrade/kit/generated/medgrade/v1/PreviewEditRequest';
import type { PreviewEditResponse__Output } from '@medgrade/kit/generated/medgrade/v1/PreviewEditResponse';
import type { QaReport__Output } from '@medgrade/kit/generated/medgrade/v1/QaReport';
import type { ValidateRubricRequest } from '@medgrade/kit/generated/medgrade/v1/ValidateRubricRequest';
import { GrpcRubricStore } from './grpc-rubric-store';
import { EditRejected, type CallMeta, type EditPreviewResult, type GradedReport, type GradeInput, type ProbeResult, type Upstream } from './upstream';

// The gateway's gRPC clients: kit's typed promise clients (deadline, UNAVAILABLE retried with
// backoff) and its proto<->core converters, tenant context and request id in the metadata,
// and grpc.health.v1 probes for /ready and /services/status.

type Unary = (request: unknown, metadata: grpc.Metadata, options: grpc.CallOptions, callback: (err: grpc.ServiceError | null, response: unknown) => void) => grpc.ClientUnaryCall;

const PROBE_DEADLINE_MS = 2000;
const VERSION_HEADER = 'medgrade-version';
type Call<Request, Response> = (request: Request, options?: CallOptions) => Promise<Response>;
type Client<Methods> = Methods & { close(): void };

const EDIT_REJECTION_KEY = 'medgrade-edit-rejection-bin';

let editRejectionType: protobuf.Type | undefined;
function decodeEditRejection(bytes: Buffer): { message: string; understood: string[]; not_understood: string[] } {
  if (!editRejectionType) {
    const root = new protobuf.Root();
    root.resolvePath = (_origin, target) => path.join(PROTO_ROOT, target);
    root.loadSync('medgrade/v1/rubric_edit.proto', { keepCase: true });
    editRejectionType = root.lookupType('medgrade.v1.EditRejection');
  }
  return editRejectionType.toObject(editRejectionType.decode(bytes), { defaults: true, arrays: true }) as never;
}

/** Request id and tenant identity (the keys the rubric store reads, see its tenant.ts). */
function metadataOf(meta: CallMeta): grpc.Metadata {
  const metadata = new grpc.Metadata();
  metadata.set('x-request-id', meta.requestId);
  if (meta.tenant) {
    metadata.set('x-medgrade-institution-id', meta.tenant.institutionId);
    metadata.set('x-medgrade-user-id', meta.tenant.userId);
    metadata.set('x-medgrade-role', meta.tenant.role);
  }
  return metadata;
}

const parseJson = (text: string | undefined | null): unknown => (text === undefined || text === null ? undefined : JSON.parse(text));

export class GrpcUpstream implements Upstream {
  /** Answers the report's encoded bytes, decoded here straight to the core's report. */
  private readonly orchestrator: Client<{ Grade: Call<GradeRequest, Buffer> }>;
  private readonly qa: Client<{ Validate: Call<ValidateRubricRequest, QaReport__Output> }>;
  private readonly editor: Client<{ Preview: Call<PreviewEditRequest, PreviewEditResponse__Output> }>;
  private readonly healthClients = new Map<string, grpc.Client>();
  readonly rubrics: GrpcRubricStore;

  constructor(private readonly addresses: Record<string, string>, deadlineMs: number) {
    const options = { deadlineMs };
    // Typed by hand: kit's MethodName<> resolves to never for these definitions (reported).
    this.orchestrator = createBytesClient('Orchestrator', this.address('orchestrator'), options) as never;
    this.qa = createClient('QaValidationService', this.address('qa-validation'), options) as never;
    this.editor = createClient('RubricEditService', this.address('rubric-edit'), options) as never;
    this.rubrics = new GrpcRubricStore(this.address('rubric-store'), deadlineMs, metadataOf);
  }

  private address(serviceName: string): string {
    const address = this.addresses[serviceName];
    if (!address) throw new Error(`no address configured for ${serviceName}`);
    return address;
  }

  async grade(input: GradeInput, meta: CallMeta): Promise<GradedReport> {
    const bytes = await this.orchestrator.Grade({
      ref: { rubric_id: input.rubric.rubricId, version: input.rubric.version, content_hash: input.rubric.contentHash },
      institution_id: input.institutionId,
      oral_transcript: input.oralTranscript,
      summary_text: input.summaryText,
      style: input.style ?? '',
      grading_id: input.gradingId,
    }, { metadata: metadataOf(meta) });
    const report = decodeCore('GradingReport', bytes);
    return { report, json: JSON.stringify(report) };
  }

  async validateRubric(rubric: unknown, meta: CallMeta): Promise<QaReport> {
    const report = await this.qa.Validate({ rubric_json: JSON.stringify(rubric) }, { metadata: metadataOf(meta) });
    return fromProto('QaReport', report);
  }

  async previewEdit(rubric: Rubric, instruction: string, meta: CallMeta): Promise<EditPreviewResult> {
    let raw;
    try {
      raw = await this.editor.Preview({ rubric: toProto('Rubric', rubric), instruction }, { metadata: metadataOf(meta) });
    } catch (err) {
      const error = err as grpc.ServiceError;
      if (error.code === grpc.status.INVALID_ARGUMENT) {
        const bytes = error.metadata?.get(EDIT_REJECTION_KEY)[0];
        const rejection = Buffer.isBuffer(bytes) ? decodeEditRejection(bytes) : { message: error.details, understood: [], not_understood: [] };
        throw new EditRejected(rejection.message || error.details, rejection.understood, rejection.not_understood);
      }
      throw err;
    }
    return {
      patch: raw.patch.map((op) => fromProto('JsonPatchOperation', op)),
      diff: raw.diff.map((d) => ({ path: d.path, before: parseJson(d.before_json), after: parseJson(d.after_json) })),
      qa: fromProto('QaReport', raw.qa),
      understood: raw.understood,
      after: fromProto('Rubric', raw.after),
    };
  }

  async probe(serviceName: string): Promise<ProbeResult> {
    const spec = serviceSpec(serviceName);
    const address = this.address(serviceName);
    let client = this.healthClients.get(serviceName);
    if (!client) {
      const Health = grpc.makeGenericClientConstructor(healthService, 'Health');
      client = new Health(dialTarget(address), grpc.credentials.createInsecure());
      this.healthClients.set(serviceName, client);
    }
    const started = process.hrtime.bigint();
    const check = (client as unknown as Record<string, Unary>).check as Unary;
    return new Promise((resolve) => {
      let version: string | null = null;
      const call = check.call(client, { service: spec.grpcService ? `medgrade.v1.${spec.grpcService}` : '' }, new grpc.Metadata(), { deadline: Date.now() + PROBE_DEADLINE_MS }, (err, response) => {
        const latency_ms = Math.round(Number(process.hrtime.bigint() - started) / 1e4) / 100;
        if (err) {
          resolve({ service: serviceName, address, status: err.code === grpc.status.NOT_FOUND ? 'UNKNOWN' : 'UNREACHABLE', version, latency_ms: null, error: err.details });
          return;
        }
        const status = (response as { status?: string }).status;
        resolve({ service: serviceName, address, status: status === 'SERVING' || status === 'NOT_SERVING' ? status : 'UNKNOWN', version, latency_ms });
      });
      call.on('metadata', (metadata: grpc.Metadata) => {
        const value = metadata.get(VERSION_HEADER)[0];
        if (value !== undefined) version = String(value);
      });
    });
  }

  close(): void {
    for (const client of [this.orchestrator, this.qa, this.editor, this.rubrics, ...this.healthClients.values()]) client.close();
    this.healthClients.clear();
  }
}
