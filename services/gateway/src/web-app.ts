import * as fs from 'node:fs';
import * as path from 'node:path';
import express, { type Request, type RequestHandler, type Response, type Router } from 'express';
import type { Logger } from '@medgrade/kit';
import { Counter } from 'prom-client';
import { registry } from '@medgrade/kit/metrics';
import type { RateLimiter } from '@medgrade/data';
import { API_BASE } from './http/route';
import { HttpProblem } from './problem';

// The web app (services/web/dist) at `/`, same origin as the API, so no CORS. Vite names
// every asset under /assets/ after its content hash, so those are cached for a year; index.html
// and the other root files are revalidated on every load (no-cache), so a deployment shows at
// once. Any other GET outside the API and operational paths answers index.html, for the app's
// client-side routes. Every page and asset carries a strict Content-Security-Policy: scripts,
// styles, fonts and connections from this origin only, nothing inline, no framing; violations
// are reported to POST /api/v1/csp-reports, which logs and counts them.

export const CSP_REPORT_PATH = `${API_BASE}/csp-reports`;

export const WEB_APP_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'self'",
  `report-uri ${CSP_REPORT_PATH}`,
].join('; ');

/** Paths that belong to the API and the operational endpoints: never answered with the app. */
const NOT_THE_APP = /^\/(api|docs|openapi\.json|health|ready|metrics|services)(\/|$)/;

const HASHED_ASSETS = 'public, max-age=31536000, immutable';

function withCsp(res: Response): void {
  res.setHeader('Content-Security-Policy', WEB_APP_CSP);
}

export function webAppRouter(distDir: string): Router {
  const router = express.Router();
  const index = path.join(distDir, 'index.html');
  router.use((req, res, next) => {
    if (NOT_THE_APP.test(req.path)) return next('router');
    withCsp(res);
    next();
  });
  router.use('/assets', express.static(path.join(distDir, 'assets'), {
    index: false, setHeaders: (res) => res.setHeader('Cache-Control', HASHED_ASSETS),
  }));
  // A missing asset is a 404, never the app's page (a stale page asking for an old hash must see the error).
  router.use('/assets', (req, _res, next) => next(new HttpProblem('not-found', `no asset ${req.originalUrl.split('?')[0]}`)));
  router.use(express.static(distDir, { index: false, setHeaders: (res) => res.setHeader('Cache-Control', 'no-cache') }));
  const sendIndex: RequestHandler = (_req, res, next) => {
    if (!fs.existsSync(index)) {
      res.status(503).type('text/plain').setHeader('Cache-Control', 'no-store');
      res.send('The web app is not built: run npm run build -w @medgrade/web, or point WEB_DIST_DIR at a build.\n');
      return;
    }
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(index, (err) => { if (err) next(err); });
  };
  router.get('/', sendIndex);
  // Client-side routes: any other page a GET asks for.
  router.use((req, res, next) => (req.method === 'GET' || req.method === 'HEAD' ? sendIndex(req, res, next) : next()));
  return router;
}

const cspReports = new Counter({
  name: 'csp_reports_total',
  help: 'Content-Security-Policy violation reports received from browsers.',
  labelNames: ['directive'],
  registers: [registry],
});

/** What a CSP report says, from either format (report-uri's csp-report, or the Reporting API's list). */
function violations(body: unknown): Record<string, unknown>[] {
  const text = (value: unknown) => (typeof value === 'string' ? value.slice(0, 500) : typeof value === 'number' ? value : undefined);
  const pick = (r: Record<string, unknown>, names: [string, string][]) => Object.fromEntries(names.map(([to, from]) => [to, text(r[from])]));
  const legacy = (body as { 'csp-report'?: Record<string, unknown> } | null)?.['csp-report'];
  if (legacy && typeof legacy === 'object') {
    return [pick(legacy, [['document', 'document-uri'], ['directive', 'effective-directive'], ['violated', 'violated-directive'],
      ['blocked', 'blocked-uri'], ['source', 'source-file'], ['line', 'line-number'], ['sample', 'script-sample'], ['disposition', 'disposition']])];
  }
  if (!Array.isArray(body)) return [];
  return body.filter((r) => r?.type === 'csp-violation' && typeof r.body === 'object').map((r) => pick(r.body, [
    ['document', 'documentURL'], ['directive', 'effectiveDirective'], ['blocked', 'blockedURL'], ['source', 'sourceFile'],
    ['line', 'lineNumber'], ['sample', 'sample'], ['disposition', 'disposition']]));
}

/** Receives, logs and counts CSP violation reports; at most 60 per client address a minute are logged. */
export function cspReportHandler(logger: Logger, limiter: RateLimiter): RequestHandler[] {
  const body = express.json({ type: ['application/csp-report', 'application/reports+json', 'application/json'], limit: '64kb' });
  const receive = async (req: Request, res: Response) => {
    const decision = await limiter.consume(`csp:${req.ip}`, { limit: 60, windowSeconds: 60 });
    if (decision.allowed) {
      for (const csp of violations(req.body)) {
        cspReports.inc({ directive: String(csp.directive ?? csp.violated ?? 'unknown').split(' ')[0] });
        logger.warn({ csp }, 'csp violation');
      }
    }
    res.status(204).end();
  };
  return [body, (req, res, next) => { receive(req, res).catch(next); }];
}
