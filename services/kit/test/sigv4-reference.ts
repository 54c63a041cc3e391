// An independent SigV4 presigned-URL check written from the published algorithm with
// node:crypto only, so token tests do not merely compare the signer with itself.
import { createHash, createHmac } from 'node:crypto';

const hmac = (key: string | Buffer, data: string) => createHmac('sha256', key).update(data, 'utf8').digest();
const sha256 = (data: string) => createHash('sha256').update(data, 'utf8').digest('hex');
const encode = (v: string) => encodeURIComponent(v).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/** Recomputes X-Amz-Signature of `https://<url>` from the secret key and signed headers. */
export function expectedPresignSignature(url: string, secretAccessKey: string, headers: Record<string, string>): string {
  const parsed = new URL(`https://${url}`);
  const params = [...parsed.searchParams.entries()].filter(([key]) => key !== 'X-Amz-Signature');
  const canonicalQuery = params.map(([k, v]) => [encode(k), encode(v)]).sort(([a], [b]) => (a! < b! ? -1 : a! > b! ? 1 : 0))
    .map(([k, v]) => `${k}=${v}`).join('&');
  const allHeaders: Record<string, string> = { host: parsed.host, ...headers };
  const names = Object.keys(allHeaders).map((h) => h.toLowerCase()).sort();
  const lower = Object.fromEntries(Object.entries(allHeaders).map(([k, v]) => [k.toLowerCase(), v.trim()]));
  const canonicalRequest = [
    'GET', parsed.pathname, canonicalQuery,
    names.map((n) => `${n}:${lower[n]}\n`).join(''), names.join(';'), sha256(''),
  ].join('\n');
  const date = parsed.searchParams.get('X-Amz-Date')!;
  const [, day, region, service] = parsed.searchParams.get('X-Amz-Credential')!.split('/');
  const scope = `${day}/${region}/${service}/aws4_request`;
  const stringToSign = ['AWS4-HMAC-SHA256', date, scope, sha256(canonicalRequest)].join('\n');
  let key: Buffer = hmac(`AWS4${secretAccessKey}`, day!);
  for (const part of [region!, service!, 'aws4_request']) key = hmac(key, part);
  return createHmac('sha256', key).update(stringToSign, 'utf8').digest('hex');
}
