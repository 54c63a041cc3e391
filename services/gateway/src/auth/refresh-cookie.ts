import type { Request } from 'express';
import { API_BASE } from '../http/route';
import { HttpProblem } from '../problem';

// The browser's refresh token: an HttpOnly cookie (script cannot read it, so an injected
// script cannot steal it), Secure (browsers treat http://localhost and 127.0.0.1 as secure, so
// the local run works too), SameSite=Strict and scoped to /api/v1/auth (other sites' pages
// never make the browser send it, and it travels only to the three auth endpoints). A request
// that uses the cookie must also carry X-Medgrade-CSRF: 1: a cross-site form cannot set a
// custom header, and a cross-site fetch with one needs a CORS preflight the gateway never grants.

export const REFRESH_COOKIE = 'medgrade_refresh';
export const CSRF_HEADER = 'X-Medgrade-CSRF';
const COOKIE_PATH = `${API_BASE}/auth`;

function cookie(value: string, maxAgeSeconds: number): string {
  return `${REFRESH_COOKIE}=${value}; Path=${COOKIE_PATH}; Max-Age=${maxAgeSeconds}; HttpOnly; Secure; SameSite=Strict`;
}

export const refreshCookie = (token: string, maxAgeSeconds: number): string => cookie(token, maxAgeSeconds);
export const clearedRefreshCookie = (): string => cookie('', 0);

/** The refresh token of the cookie, when the request carries one. */
export function cookieToken(req: Request): string | undefined {
  for (const part of (req.get('cookie') ?? '').split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name === REFRESH_COOKIE && value.length > 0 && value.join('=') !== '') return value.join('=');
  }
  return undefined;
}

/** Refuses a cookie-borne request without the CSRF header. */
export function requireCsrfHeader(req: Request): void {
  if (req.get(CSRF_HEADER) !== '1') {
    throw new HttpProblem('csrf-required', `a request using the ${REFRESH_COOKIE} cookie must send the header ${CSRF_HEADER}: 1`);
  }
}
