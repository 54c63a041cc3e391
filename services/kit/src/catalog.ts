// The one list of medgrade processes: names, ports and roles. The local launcher, the
// gRPC clients, the Kubernetes manifests and the Helm chart all read it, so a service
// is added or renumbered here and nowhere else.

export type ServiceKind = 'gateway' | 'grpc' | 'worker';

export interface ServiceSpec {
  /** Folder under services/, Kubernetes name suffix and OpenTelemetry service.name (medgrade-<name>). */
  name: string;
  kind: ServiceKind;
  /** gRPC service name in package medgrade.v1 (health status is reported under it). */
  grpcService?: string;
  /** Port the process listens on: gRPC for grpc/worker kinds, HTTP for the gateway. */
  port: number;
  /** Prometheus exposition port (the gateway serves /metrics on its own port). */
  metricsPort: number;
  /** Environment variable holding this service's address for its clients. */
  addressEnv?: string;
  purpose: string;
  /** Services this one calls (drives client config and NetworkPolicies). */
  calls: string[];
  /** Backing stores this one needs. */
  uses: ('postgres' | 'redis')[];
}

const evaluator = (name: string, grpcService: string, port: number, purpose: string, calls: string[] = []): ServiceSpec => ({
  name,
  kind: 'grpc',
  grpcService,
  port,
  metricsPort: port + 1000,
  addressEnv: `${name.toUpperCase().replace(/-/g, '_')}_ADDR`,
  purpose,
  calls,
  uses: [],
});

/** Services that grade with a rubric fetch the versions they do not have cached from the rubric store. */
const GRADES = ['rubric-store'];

export const SERVICES: readonly ServiceSpec[] = [
  {
    name: 'gateway', kind: 'gateway', port: 8080, metricsPort: 8080,
    purpose: 'REST API (/api/v1), auth, rate limits, OpenAPI and /docs; the only external door',
    calls: ['orchestrator', 'rubric-store', 'rubric-edit', 'qa-validation'], uses: ['postgres', 'redis'],
  },
  {
    ...evaluator('orchestrator', 'Orchestrator', 50051, 'Grade: parse, fan out to evaluators, score, feedback, validate citations'),
    calls: ['transcript', 'question-matching', 'structure', 'reasoning', 'summary', 'scoring', 'feedback', 'rubric-store'],
  },
  evaluator('transcript', 'TranscriptService', 50052, 'Parse a transcript into utterances and segment it into sections'),
  evaluator('question-matching', 'QuestionMatchingService', 50053, 'Match the student\'s questions to the rubric\'s key questions', GRADES),
  evaluator('structure', 'StructureService', 50054, 'Section order (LCS) and structure penalties', GRADES),
  evaluator('reasoning', 'ReasoningService', 50055, 'Required clinical-reasoning links (linear-time patterns, negation-aware)', GRADES),
  evaluator('summary', 'SummaryService', 50056, 'Summary succinctness and required elements', GRADES),
  evaluator('scoring', 'ScoringService', 50057, 'Component and overall scores from the rubric weights', GRADES),
  evaluator('feedback', 'FeedbackService', 50058, 'Cited feedback in constructive, detailed or concise style', GRADES),
  evaluator('qa-validation', 'QaValidationService', 50059, 'Rubric QA: errors and warnings with JSON Pointers'),
  evaluator('rubric-edit', 'RubricEditService', 50060, 'Teacher\'s natural-language edits to JSON Patch with preview'),
  {
    ...evaluator('rubric-store', 'RubricStoreService', 50061, 'Versioned rubrics with approval workflow (PostgreSQL, Redis cache)'),
    calls: [], uses: ['postgres', 'redis'],
  },
  {
    name: 'worker', kind: 'worker', port: 50062, metricsPort: 51062,
    purpose: 'Batch grading jobs from the Redis queue (health over gRPC, no API)',
    calls: ['orchestrator', 'rubric-store'], uses: ['postgres', 'redis'],
  },
];

/** The variable holding a process's address: the catalog's, else NAME_ADDR (the worker has none of its own). */
export function addressEnvOf(spec: ServiceSpec): string {
  return spec.addressEnv ?? `${spec.name.toUpperCase().replace(/-/g, '_')}_ADDR`;
}

export function serviceSpec(name: string): ServiceSpec {
  const spec = SERVICES.find((s) => s.name === name);
  if (!spec) throw new Error(`unknown medgrade service "${name}"`);
  return spec;
}

/**
 * The given processes ordered so that each comes after the services it calls: the order to
 * start them in when every process needs its callees' addresses at start-up (tests).
 */
export function calleesFirst(specs: readonly ServiceSpec[]): ServiceSpec[] {
  const ordered: ServiceSpec[] = [];
  const visit = (spec: ServiceSpec, path: string[]) => {
    if (ordered.includes(spec)) return;
    if (path.includes(spec.name)) throw new Error(`the catalog's calls form a cycle: ${[...path, spec.name].join(' -> ')}`);
    for (const callee of spec.calls) {
      const calleeSpec = specs.find((s) => s.name === callee);
      if (calleeSpec) visit(calleeSpec, [...path, spec.name]);
    }
    ordered.push(spec);
  };
  for (const spec of specs) visit(spec, []);
  return ordered;
}
