import { HttpProblem } from '../problem';
import { newRefreshToken } from '../auth/tokens';
import { route, type RouteSpec } from '../http/route';
import { LoginRequest, RefreshRequest, TokenPair, User } from '../schemas';
import { userView, type GatewayDeps } from './deps';
import type { User as DataUser } from '@medgrade/data';

// Login, refresh-token rotation and logout. A refresh token is good for one use: refreshing
// returns a new pair, and presenting an already-rotated token revokes its whole family (the
// sign of a stolen token), so both the thief and the owner must log in again.

export function authRoutes(deps: GatewayDeps): RouteSpec[] {
  const { data, tokens, config } = deps;

  async function issuePair(user: DataUser, refreshToken: string) {
    return {
      access_token: await tokens.issue({ userId: user.id, institutionId: user.institutionId, role: user.role }),
      refresh_token: refreshToken,
      token_type: 'Bearer' as const,
      expires_in: tokens.ttlSeconds,
    };
  }

  const refreshExpiry = () => new Date(Date.now() + config.refreshTokenTtlSeconds * 1000);

  return [
    route({
      method: 'post', path: '/auth/login', operationId: 'login', tag: 'auth', permission: null,
      summary: 'Exchange email and password for an access token and a refresh token',
      body: LoginRequest,
      responses: { 200: { description: 'Tokens', schema: TokenPair } },
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
        return { body: await issuePair(user, refreshToken) };
      },
    }),
    route({
      method: 'post', path: '/auth/refresh', operationId: 'refresh', tag: 'auth', permission: null,
      summary: 'Rotate a refresh token: returns a new pair; the presented token stops working',
      description: 'Presenting a refresh token that was already rotated revokes every token of its family.',
      body: RefreshRequest,
      responses: { 200: { description: 'New tokens', schema: TokenPair } },
      problems: ['token-invalid'],
      async handler({ body }) {
        const next = newRefreshToken();
        const rotation = await data.refreshTokens.rotate(body.refresh_token, next, refreshExpiry());
        if (rotation.status === 'reused') throw new HttpProblem('token-invalid', 'refresh token was already used; every session of this login is revoked');
        if (rotation.status !== 'rotated') throw new HttpProblem('token-invalid', `refresh token ${rotation.status}`);
        const user = await data.users.findActive(rotation.grant.userId);
        if (!user) {
          await data.refreshTokens.revokeFamilyOf(next);
          throw new HttpProblem('token-invalid', 'account disabled');
        }
        return { body: await issuePair(user, next) };
      },
    }),
    route({
      method: 'post', path: '/auth/logout', operationId: 'logout', tag: 'auth', permission: null,
      summary: 'Revoke a refresh token and every token rotated from the same login',
      body: RefreshRequest,
      responses: { 204: { description: 'Revoked (also when the token was unknown)' } },
      problems: [],
      async handler({ body }) {
        await data.refreshTokens.revokeFamilyOf(body.refresh_token);
        return { status: 204 };
      },
    }),
    route({
      method: 'get', path: '/me', operationId: 'getMe', tag: 'auth', permission: 'profile.read',
      summary: 'Your own account',
      responses: { 200: { description: 'The caller', schema: User } },
      problems: [],
      async handler({ caller }) {
        const user = await data.users.get(caller.tenant, caller.userId);
        if (!user) throw new HttpProblem('token-invalid', 'account no longer exists');
        return { body: userView(user) };
      },
    }),
  ];
}
