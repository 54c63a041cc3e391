// SigV4 query-string signing shared by the ElastiCache IAM token and the EKS (STS) token:
// both are presigned GET URLs that the server verifies instead of a password.
import { Sha256 } from '@aws-crypto/sha256-js';
import { SignatureV4 } from '@smithy/signature-v4';

export interface AwsCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
  expiration?: Date;
}

export type AwsCredentialSource = AwsCredentials | (() => Promise<AwsCredentials>);

export interface PresignRequest {
  service: string;
  region: string;
  hostname: string;
  path?: string;
  query: Record<string, string>;
  /** Extra headers that must be part of the signature (the host header always is). */
  signedHeaders?: Record<string, string>;
  credentials: AwsCredentialSource;
  expiresInSeconds: number;
  /** Fixed clock for reproducible signatures; defaults to now. */
  now?: Date;
}

/** RFC 3986 encoding, which SigV4 requires (encodeURIComponent leaves !'()* alone). */
export function rfc3986(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** Returns the presigned URL without its scheme: host/path?query. */
export async function presign(request: PresignRequest): Promise<string> {
  const signer = new SignatureV4({
    service: request.service,
    region: request.region,
    credentials: request.credentials,
    sha256: Sha256,
    uriEscapePath: true,
  });
  const path = request.path ?? '/';
  const signed = await signer.presign(
    {
      method: 'GET',
      protocol: 'https:',
      hostname: request.hostname,
      path,
      query: request.query,
      headers: { host: request.hostname, ...request.signedHeaders },
    },
    { expiresIn: request.expiresInSeconds, signingDate: request.now ?? new Date() },
  );
  const query = Object.entries(signed.query ?? {})
    .flatMap(([key, value]) => [value].flat().filter((v): v is string => typeof v === 'string').map((v) => `${rfc3986(key)}=${rfc3986(v)}`))
    .join('&');
  return `${request.hostname}${path}?${query}`;
}
