import { createPrivateKey, createPublicKey, randomBytes, randomUUID, type KeyObject } from 'node:crypto';
import { errors as joseErrors, jwtVerify, SignJWT } from 'jose';
import { ROLES, type Role } from '@medgrade/data';
import type { SigningKeyConfig } from '../config';

// Access tokens are short-lived JWTs (HS256 with JWT_SECRET, or EdDSA with an Ed25519
// JWT_PRIVATE_KEY) carrying who the caller is; the gateway trusts them without a database
// round trip. Refresh tokens are opaque random strings whose hashes the data layer stores.

const ISSUER = 'medgrade';
const AUDIENCE = 'medgrade-api';

export interface AccessClaims {
  userId: string;
  institutionId: string;
  role: Role;
}

export class TokenRejected extends Error {
  constructor(readonly reason: 'expired' | 'invalid') {
    super(reason === 'expired' ? 'access token expired' : 'access token invalid');
  }
}

export class AccessTokens {
  private readonly algorithm: 'HS256' | 'EdDSA';
  private readonly signKey: KeyObject | Uint8Array;
  private readonly verifyKey: KeyObject | Uint8Array;

  constructor(key: SigningKeyConfig, readonly ttlSeconds: number) {
    if (key.privateKeyPem) {
      const privateKey = createPrivateKey(key.privateKeyPem);
      if (privateKey.asymmetricKeyType !== 'ed25519') throw new Error('JWT_PRIVATE_KEY must be an Ed25519 key');
      this.algorithm = 'EdDSA';
      this.signKey = privateKey;
      this.verifyKey = createPublicKey(privateKey);
    } else if (key.secret) {
      this.algorithm = 'HS256';
      this.signKey = this.verifyKey = new TextEncoder().encode(key.secret);
    } else {
      throw new Error('no JWT signing key configured');
    }
  }

  async issue(claims: AccessClaims, now = Date.now()): Promise<string> {
    const issuedAt = Math.floor(now / 1000);
    return new SignJWT({ inst: claims.institutionId, role: claims.role })
      .setProtectedHeader({ alg: this.algorithm, typ: 'JWT' })
      .setSubject(claims.userId)
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setJti(randomUUID())
      .setIssuedAt(issuedAt)
      .setExpirationTime(issuedAt + this.ttlSeconds)
      .sign(this.signKey);
  }

  async verify(token: string): Promise<AccessClaims> {
    try {
      const { payload } = await jwtVerify(token, this.verifyKey, {
        issuer: ISSUER, audience: AUDIENCE, algorithms: [this.algorithm], clockTolerance: 5,
      });
      const role = payload.role as Role;
      if (typeof payload.sub !== 'string' || typeof payload.inst !== 'string' || !ROLES.includes(role)) {
        throw new TokenRejected('invalid');
      }
      return { userId: payload.sub, institutionId: payload.inst, role };
    } catch (err) {
      if (err instanceof joseErrors.JWTExpired) throw new TokenRejected('expired');
      if (err instanceof TokenRejected) throw err;
      throw new TokenRejected('invalid');
    }
  }
}

/** 256 random bits, URL-safe; only its hash is stored. */
export function newRefreshToken(): string {
  return randomBytes(32).toString('base64url');
}
