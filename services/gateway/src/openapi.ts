import { z } from 'zod';
import { API_BASE, type RouteSpec } from './http/route';
import { PERMISSIONS } from './permissions';
import { PROBLEMS, problemType, type ProblemKind } from './problem';
import { apiSchemas } from './schemas';
import { CSP_REPORT_PATH } from './web-app';

// OpenAPI 3.1 generated from the route declarations and the zod schemas that validate
// requests. JSON Schema 2020-12 is OpenAPI 3.1's own dialect, so the converted schemas are
// used as they are.

type JsonSchema = Record<string, unknown>;

/** Problems any authenticated endpoint can answer. */
const COMMON_PROBLEMS: ProblemKind[] = ['unauthenticated', 'token-invalid', 'forbidden', 'rate-limited', 'internal'];

function componentSchemas(): Record<string, JsonSchema> {
  const converted = z.toJSONSchema(apiSchemas, {
    target: 'draft-2020-12',
    io: 'input',
    unrepresentable: 'any',
    uri: (id) => `#/components/schemas/${id}`,
  }).schemas as Record<string, JsonSchema>;
  const result: Record<string, JsonSchema> = {};
  for (const [name, schema] of Object.entries(converted)) {
    const { $schema: _dialect, $id: _id, ...rest } = schema;
    result[name] = rest;
  }
  return result;
}

function schemaId(schema: z.ZodType): string {
  const id = apiSchemas.get(schema)?.id;
  if (!id) throw new Error('every schema used by a route must be registered with named()');
  return id;
}

const ref = (schema: z.ZodType) => ({ $ref: `#/components/schemas/${schemaId(schema)}` });

function parameters(route: RouteSpec, components: Record<string, JsonSchema>): unknown[] {
  const result: unknown[] = [];
  const fromObject = (schema: z.ZodType | undefined, where: 'path' | 'query') => {
    if (!schema) return;
    const converted = components[schemaId(schema)] as { properties?: Record<string, JsonSchema>; required?: string[] };
    for (const [name, property] of Object.entries(converted.properties ?? {})) {
      const { description, ...propertySchema } = property;
      result.push({
        name,
        in: where,
        required: where === 'path' || (converted.required ?? []).includes(name),
        ...(description ? { description } : {}),
        schema: propertySchema,
      });
    }
  };
  fromObject(route.params, 'path');
  fromObject(route.query, 'query');
  for (const header of route.headers ?? []) {
    result.push({ name: header.name, in: 'header', required: header.required ?? false, description: header.description, schema: { type: 'string' } });
  }
  return result;
}

function problemResponses(route: RouteSpec): Record<string, unknown> {
  const kinds = new Set<ProblemKind>([...(route.permission ? COMMON_PROBLEMS : ['internal' as const]), ...route.problems]);
  if (route.body) { kinds.add('bad-request'); kinds.add('validation-failed'); kinds.add('unsupported-media-type'); kinds.add('payload-too-large'); }
  const byStatus = new Map<number, ProblemKind[]>();
  for (const kind of kinds) byStatus.set(PROBLEMS[kind].status, [...(byStatus.get(PROBLEMS[kind].status) ?? []), kind]);
  const responses: Record<string, unknown> = {};
  for (const [status, group] of [...byStatus].sort(([a], [b]) => a - b)) {
    responses[String(status)] = {
      description: group.map((kind) => `\`${problemType(kind)}\`: ${PROBLEMS[kind].title}`).join('; '),
      ...(status === 429 ? { headers: { 'Retry-After': { $ref: '#/components/headers/Retry-After' } } } : {}),
      content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
    };
  }
  return responses;
}

function operation(route: RouteSpec, components: Record<string, JsonSchema>): Record<string, unknown> {
  const responses: Record<string, unknown> = {};
  for (const [status, response] of Object.entries(route.responses)) {
    responses[status] = {
      description: response.description,
      ...(response.headers ? { headers: Object.fromEntries(response.headers.map((h) => [h, { schema: { type: 'string' } }])) } : {}),
      ...(response.schema ? { content: { 'application/json': { schema: ref(response.schema) } } } : {}),
      ...(response.mediaType ? { content: { [response.mediaType]: { schema: { type: 'string' } } } } : {}),
    };
  }
  Object.assign(responses, problemResponses(route));
  const permissionNote = route.permission
    ? `\n\nPermission \`${route.permission}\`: ${Object.entries(PERMISSIONS[route.permission].roles).map(([role, scope]) => `${role} (${scope})`).join(', ')}.`
    : '';
  return {
    operationId: route.operationId,
    summary: route.summary,
    description: (route.description ?? route.summary) + permissionNote,
    tags: [route.tag],
    ...(route.permission ? {} : { security: [] }),
    parameters: parameters(route, components),
    ...(route.body ? { requestBody: { required: true, content: { 'application/json': { schema: ref(route.body) } } } } : {}),
    responses,
  };
}

/** Endpoints outside /api/v1, documented by hand because they are plain operational pages. */
function operationalPaths(): Record<string, unknown> {
  const plain = (summary: string, contentType: string, extra: Record<string, unknown> = {}) => ({
    summary,
    tags: ['operations'],
    security: [],
    responses: { '200': { description: 'OK', content: { [contentType]: { schema: { type: contentType.includes('json') ? 'object' : 'string' } } } }, ...extra },
  });
  const unavailable = { '503': { description: 'A dependency is down', content: { 'application/json': { schema: { type: 'object' } } } } };
  return {
    '/health': { get: { operationId: 'health', ...plain('Liveness: the process answers', 'application/json') } },
    '/ready': { get: { operationId: 'ready', ...plain('Readiness: PostgreSQL, Redis (when configured), orchestrator and rubric store', 'application/json', unavailable) } },
    '/services/status': { get: { operationId: 'servicesStatus', ...plain('Health, version and probe latency of every gRPC service', 'application/json') } },
    '/metrics': { get: { operationId: 'metrics', ...plain('Prometheus exposition', 'text/plain') } },
    '/openapi.json': { get: { operationId: 'openapi', ...plain('This document', 'application/json') } },
    '/docs': { get: { operationId: 'docs', ...plain('Interactive API documentation', 'text/html') } },
    '/': { get: { operationId: 'webApp', ...plain('The web app (any other path outside the API answers its page too)', 'text/html') } },
    [CSP_REPORT_PATH]: {
      post: {
        operationId: 'reportCspViolation',
        summary: 'Browsers report Content-Security-Policy violations of the web app here; logged and counted',
        tags: ['operations'],
        security: [],
        requestBody: { content: { 'application/csp-report': { schema: { type: 'object' } }, 'application/reports+json': { schema: { type: 'array' } } } },
        responses: { '204': { description: 'Received' } },
      },
    },
  };
}

export function buildOpenApi(routes: RouteSpec[], version: string): Record<string, unknown> {
  const components = componentSchemas();
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    const path = API_BASE + route.path;
    paths[path] = { ...paths[path], [route.method]: operation(route, components) };
  }
  const usedOnlyAsParameters = new Set(routes.flatMap((r) => [r.params, r.query]).filter((s): s is z.ZodType => Boolean(s)).map(schemaId));
  const schemas = Object.fromEntries(Object.entries(components).filter(([name]) => !usedOnlyAsParameters.has(name)));
  return {
    openapi: '3.1.0',
    info: {
      title: 'medgrade API',
      version,
      description: 'Grades medical students\' oral case presentations against teacher-written rubrics. '
        + 'Errors are application/problem+json (RFC 9457) with a stable `type` URI. See docs/api.md.',
    },
    servers: [{ url: '/' }],
    security: [{ bearerAuth: [] }],
    tags: [
      { name: 'auth' }, { name: 'users' }, { name: 'institutions' }, { name: 'audit' }, { name: 'rubrics' }, { name: 'gradings' },
      { name: 'reviews' }, { name: 'jobs' }, { name: 'analytics' }, { name: 'operations' },
    ],
    paths: { ...paths, ...operationalPaths() },
    components: {
      securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
      headers: { 'Retry-After': { description: 'Seconds to wait before retrying', schema: { type: 'integer' } } },
      schemas,
    },
  };
}
