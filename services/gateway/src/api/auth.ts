import type { Request } from 'express';
import { HttpProblem } from '../problem';
import { CSRF_HEADER, REFRESH_COOKIE, clearedRefreshCookie, cookieToken, refreshCookie, requireCsrfHeader } from '../auth/refresh-cookie';
import { newRefreshToken } from '../auth/tokens';
import { route, type RouteSpec } from '../http/route';
import { PERMISSION_NAMES, scopeOf } from '../permissions';
import { LoginRequest, Me, RefreshRequest, TokenPair } from '../schemas';
import { userView, type GatewayDeps } from './deps';
import type { User as DataUser } from '@medgrade/data';

// Login, refresh-token rotation and logout. A refresh token is good for one use: refreshing
// returns a new pair, and presenting an already-rotated token revokes its whole family (the
// sign of a stolen token), so both the thief and the owner must log in again. API clients
// carry the refresh token in the body; browsers get it as a cookie (auth/refresh-cookie.ts).

export function authRoutes(deps: GatewayDeps): RouteSpec[] {
  const { data, tokens, config } = deps;

  /** The token answer; a browser session (cookie) gets its refresh token as a Set-Cookie, not in the body. */
  async function issue(user: DataUser, refreshToken: string, inCookie: boolean) {
    const body = {
      access_token: await tokens.issue({ userId: user.id, institutionId: user.institutionId, role: user.role }),
      ...(inCookie ? {} : { refresh_token: refreshToken }),
      token_type: 'Bearer' as const,
      expires_in: tokens.ttlSeconds,
    };
    return { body, headers: inCookie ? { 'Set-Cookie': refreshCookie(refreshToken, config.refreshTokenTtlSeconds) } : undefined };
  }

  const refreshExpiry = () => new Date(Date.now() + config.refreshTokenTtlSeconds * 1000);

  /** The refresh token of the body, else of the cookie (which needs the CSRF header). */
  function presentedToken(req: Request, body: { refresh_token?: string }): { token: string | undefined; inCookie: boolean } {
    if (body.refresh_token !== undefined) return { token: body.refresh_token, inCookie: false };
    const token = cookieToken(req);
    if (token !== undefined) requireCsrfHeader(req);
    return { token, inCookie: token !== undefined };
  }

  /** A refused refresh also clears the browser's cookie: it can never work again. */
  const refused = (detail: string, inCookie: boolean) =>
    new HttpProblem('token-invalid', detail, {}, inCookie ? { 'Set-Cookie': clearedRefreshCookie() } : {});

  return [
    route({
      method: 'post', path: '/auth/login', operationId: 'login', tag: 'auth', permission: null,
      summary: 'Exchange email and password for an access token and a refresh token',
      description: 'With `refresh_cookie: true` (browsers) the refresh token is set as the HttpOnly, Secure, SameSite=Strict '
        + `cookie \`${REFRESH_COOKIE}\` (path /api/v1/auth) instead of being returned.`,
      body: LoginRequest,
      responses: { 200: { description: 'Tokens', schema: TokenPair, headers: ['Set-Cookie'] } },
      problems: ['invalid-credentials', 'rate-limited'],
      async handler({ body, ip }) {
        const decision = await data.rateLimiter.consume(`login:${ip}`, { limit: config.rateLimits.loginPerWindow, windowSeconds: config.rateLimits.windowSeconds });
        if (!decision.allowed) {
          throw new HttpProblem('rate-limited', 'too many login attempts', {}, { 'Retry-After': String(decision.retryAfterSeconds) });
        }
        const user = await data.users.verifyLogin(body.email, body.password);
        if (!user) throw new HttpProblem('invalid-credentials');
        const refreshToken = newRefreshToken();
        await data.refreshTokens.issue({ token: refreshToken, userId: user.id, institutionId: user.institutionId, expiresAt: refreshExpiry() });
        return issue(user, refreshToken, body.refresh_cookie === true);
      },
    }),
    route({
      method: 'post', path: '/auth/refresh', operationId: 'refresh', tag: 'auth', permission: null,
      summary: 'Rotate a refresh token: returns a new pair; the presented token stops working',
      description: 'Presenting a refresh token that was already rotated revokes every token of its family. '
        + `Browsers send \`{}\` with the \`${REFRESH_COOKIE}\` cookie and the header \`${CSRF_HEADER}: 1\`; they get the new `
        + 'refresh token as a cookie again.',
      body: RefreshRequest,
      headers: [{ name: CSRF_HEADER, description: 'Must be 1 when the refresh token comes from the cookie' }],
      responses: { 200: { description: 'New tokens', schema: TokenPair, headers: ['Set-Cookie'] } },
      problems: ['token-invalid', 'csrf-required'],
      async handler({ body, req }) {
        const { token, inCookie } = presentedToken(req, body);
        if (token === undefined) throw refused(`send refresh_token, or the ${REFRESH_COOKIE} cookie`, false);
        const next = newRefreshToken();
        const rotation = await data.refreshTokens.rotate(token, next, refreshExpiry());
        if (rotation.status === 'reused') throw refused('refresh token was already used; every session of this login is revoked', inCookie);
        if (rotation.status !== 'rotated') throw refused(`refresh token ${rotation.status}`, inCookie);
        const user = await data.users.findActive(rotation.grant.userId);
        if (!user) {
          await data.refreshTokens.revokeFamilyOf(next);
          throw refused('account disabled', inCookie);
        }
        return issue(user, next, inCookie);
      },
    }),
    route({
      method: 'post', path: '/auth/logout', operationId: 'logout', tag: 'auth', permission: null,
      summary: 'Revoke a refresh token and every token rotated from the same login',
      description: `Browsers send \`{}\` with the cookie and \`${CSRF_HEADER}: 1\`; the cookie is cleared.`,
      body: RefreshRequest,
      headers: [{ name: CSRF_HEADER, description: 'Must be 1 when the refresh token comes from the cookie' }],
      responses: { 204: { description: 'Revoked (also when the token was unknown)', headers: ['Set-Cookie'] } },
      problems: ['csrf-required'],
      async handler({ body, req }) {
        const { token, inCookie } = presentedToken(req, body);
        if (token !== undefined) await data.refreshTokens.revokeFamilyOf(token);
        return { status: 204, headers: inCookie ? { 'Set-Cookie': clearedRefreshCookie() } : undefined };
      },
    }),
    route({
      method: 'get', path: '/me', operationId: 'getMe', tag: 'auth', permission: 'profile.read',
      summary: 'Your own account, with the permissions of your role',
      responses: { 200: { description: 'The caller', schema: Me } },
      problems: [],
      async handler({ caller }) {
        const user = await data.users.get(caller.tenant, caller.userId);
        if (!user) throw new HttpProblem('token-invalid', 'account no longer exists');
        return { body: { ...userView(user), permissions: PERMISSION_NAMES.filter((permission) => scopeOf(caller.role, permission) !== null) } };
      },
    }),
  ];
}
