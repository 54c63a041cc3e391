import express, { type Request, type RequestHandler, type Response, type Router } from 'express';
import helmet from 'helmet';
import type { z } from 'zod';
import { analyticsRoutes } from './api/analytics';
import { auditRoutes } from './api/audit';
import { authRoutes } from './api/auth';
import type { GatewayDeps } from './api/deps';
import { gradingRoutes } from './api/gradings';
import { reviewRoutes } from './api/reviews';
import { rubricRoutes } from './api/rubrics';
import { userRoutes } from './api/users';
import { TokenRejected } from './auth/tokens';
import { docsRouter } from './docs';
import { errorHandler, sendProblem, validationProblem } from './http/errors';
import { requestId, requestIdOf } from './http/request-context';
import { API_BASE, expressPath, type Caller, type RouteSpec } from './http/route';
import { accessLog } from './http/access-log';
import { httpMetrics } from './metrics';
import { buildOpenApi } from './openapi';
import { operationsRouter } from './operations';
import { scopeOf } from './permissions';
import { HttpProblem } from './problem';
import { CSP_REPORT_PATH, cspReportHandler, webAppRouter } from './web-app';

// The express application: security headers, request ids, metrics, then /api/v1 mounted
// from the route declarations (authentication, permission, rate limit and schema
// validation happen here, once, for every route), the operational endpoints, /docs and,
// at every other path, the web app.

export function apiRoutes(deps: GatewayDeps): RouteSpec[] {
  // Fixed paths (/gradings/export.csv) come before the parameterised ones they would match (/gradings/{id}).
  return [
    ...authRoutes(deps), ...userRoutes(deps), ...auditRoutes(deps), ...rubricRoutes(deps), ...analyticsRoutes(deps),
    ...gradingRoutes(deps), ...reviewRoutes(deps),
  ];
}

/**
 * The route declarations without live dependencies: enough to generate documents (OpenAPI,
 * docs/permissions.md); handlers built this way must never be called.
 */
export function routeCatalog(): RouteSpec[] {
  return apiRoutes({} as GatewayDeps);
}

function bearerToken(req: Request): string {
  const header = req.get('authorization');
  if (!header) throw new HttpProblem('unauthenticated', 'send Authorization: Bearer <access_token>', {}, { 'WWW-Authenticate': 'Bearer' });
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  if (!match?.[1]) throw new HttpProblem('unauthenticated', 'Authorization header must be "Bearer <access_token>"', {}, { 'WWW-Authenticate': 'Bearer' });
  return match[1];
}

function parse<T>(schema: z.ZodType<T> | undefined, value: unknown, where: 'body' | 'query' | 'path'): T {
  if (!schema) return undefined as T;
  const result = schema.safeParse(value);
  if (!result.success) throw validationProblem(result.error, where);
  return result.data;
}

const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH']);

/** A body that is present must be JSON; 415 otherwise (bodies are parsed only as JSON). */
function requireJson(req: Request): void {
  const hasBody = Number(req.get('content-length') ?? 0) > 0 || req.get('transfer-encoding') !== undefined;
  if (hasBody && BODY_METHODS.has(req.method) && !req.is(['application/json', 'application/*+json'])) {
    throw new HttpProblem('unsupported-media-type', 'send the body as application/json');
  }
}

function mount(router: Router, spec: RouteSpec, deps: GatewayDeps): void {
  const handler: RequestHandler = async (req, res) => {
    requireJson(req);
    let caller = undefined as unknown as Caller; // public routes (login, refresh, logout) never read it
    const rid = requestIdOf(res);
    if (spec.permission) {
      let claims;
      try {
        claims = await deps.tokens.verify(bearerToken(req));
      } catch (err) {
        if (err instanceof TokenRejected) throw new HttpProblem('token-invalid', err.message, {}, { 'WWW-Authenticate': 'Bearer error="invalid_token"' });
        throw err;
      }
      const scope = scopeOf(claims.role, spec.permission);
      if (!scope) throw new HttpProblem('forbidden', `role ${claims.role} lacks permission ${spec.permission}`);
      await enforceRateLimits(deps, claims.userId, claims.institutionId, res);
      caller = { ...claims, scope, tenant: { ...claims, requestId: rid, ip: req.ip } };
    }
    const reply = await spec.handler({
      params: parse(spec.params, req.params, 'path'),
      query: parse(spec.query, req.query, 'query'),
      body: parse(spec.body, req.body, 'body'),
      caller,
      requestId: rid,
      ip: req.ip ?? 'unknown',
      req,
    });
    res.status(reply.status ?? 200).set(reply.headers ?? {});
    if (reply.json !== undefined) res.type('application/json; charset=utf-8').send(reply.json);
    else if (reply.text !== undefined) res.send(reply.text);
    else if (reply.body === undefined) res.end();
    else res.json(reply.body);
  };
  router[spec.method](expressPath(spec.path), handler);
}

async function enforceRateLimits(deps: GatewayDeps, userId: string, institutionId: string, res: Response): Promise<void> {
  const { rateLimits } = deps.config;
  const windowSeconds = rateLimits.windowSeconds;
  const [user, institution] = await Promise.all([
    deps.data.rateLimiter.consume(`user:${userId}`, { limit: rateLimits.userPerWindow, windowSeconds }),
    deps.data.rateLimiter.consume(`institution:${institutionId}`, { limit: rateLimits.institutionPerWindow, windowSeconds }),
  ]);
  res.setHeader('RateLimit-Remaining', String(Math.min(user.remaining, institution.remaining)));
  const refused = [user, institution].filter((d) => !d.allowed);
  if (refused.length > 0) {
    const retryAfter = Math.max(1, ...refused.map((d) => Math.ceil(d.retryAfterSeconds)));
    const which = !user.allowed ? 'your per-user' : 'your institution\'s';
    throw new HttpProblem('rate-limited', `${which} request limit is reached; retry in ${retryAfter}s`, { retry_after: retryAfter }, { 'Retry-After': String(retryAfter) });
  }
}

export interface GatewayApp {
  app: express.Express;
  routes: RouteSpec[];
  openapi: Record<string, unknown>;
  /** Shutdown has begun: /ready answers 503 from now on. */
  markDraining(): void;
}

export function createApp(deps: GatewayDeps): GatewayApp {
  const routes = apiRoutes(deps);
  const openapi = buildOpenApi(routes, deps.config.version);
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', process.env.TRUST_PROXY ?? 'loopback');
  app.use(requestId());
  app.use(helmet());
  app.use(httpMetrics());
  app.use(accessLog(deps.logger));

  app.post(CSP_REPORT_PATH, ...cspReportHandler(deps.logger, deps.data.rateLimiter));
  const api = express.Router();
  api.use(express.json({ limit: deps.config.bodyLimitBytes, type: ['application/json', 'application/*+json'] }));
  for (const spec of routes) mount(api, spec, deps);
  api.use((req, _res, next) => next(new HttpProblem('not-found', `no endpoint ${req.method} ${req.baseUrl}${req.path}`)));
  app.use(API_BASE, api);

  const lifecycle = { draining: false };
  app.use(operationsRouter(deps, openapi, lifecycle));
  app.use(docsRouter());
  app.use(webAppRouter(deps.config.webDistDir));
  app.use((req, res) => sendProblem(res, new HttpProblem('not-found', `no endpoint ${req.method} ${req.path}`), req.path, requestIdOf(res)));
  app.use(errorHandler(deps.logger));
  return { app, routes, openapi, markDraining: () => { lifecycle.draining = true; } };
}
