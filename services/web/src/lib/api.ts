// The one way the app talks to the REST API (/api/v1): JSON in and out, problem+json errors
// turned into ApiProblem, the access token kept in memory only, and a refresh through the
// httpOnly cookie (POST /auth/refresh with the CSRF header) when the token has expired.

export const API = '/api/v1';

/** One bad input: `pointer` into the JSON body, or `parameter` naming a query/path parameter. */
export interface FieldError {
  pointer?: string;
  parameter?: string;
  message: string;
}

/** An RFC 9457 problem answered by the API (or a network failure dressed as one). */
export class ApiProblem extends Error {
  constructor(
    readonly status: number,
    readonly type: string,
    readonly title: string,
    readonly detail: string | undefined,
    readonly errors: FieldError[],
    readonly body: Record<string, unknown>,
  ) {
    super(detail ? `${title}: ${detail}` : title);
  }

  /** The part after https://medgrade.dev/problems/ (e.g. "stale-version"). */
  get code(): string {
    return this.type.slice(this.type.lastIndexOf('/') + 1);
  }

  /** The messages for one body field (by JSON Pointer) or query parameter (by name). */
  errorAt(field: string): string | undefined {
    const messages = this.errors.filter((e) => e.pointer === field || e.parameter === field).map((e) => e.message);
    return messages.length > 0 ? messages.join('; ') : undefined;
  }
}

let accessToken: string | null = null;
let refreshing: Promise<boolean> | null = null;
const listeners = new Set<() => void>();

/** Called when the session ends by itself (refresh refused): the app shows the login form. */
export function onSessionLost(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

async function problemOf(response: Response): Promise<ApiProblem> {
  let body: Record<string, unknown> = {};
  try {
    body = (await response.json()) as Record<string, unknown>;
  } catch {
    // not JSON: keep the status line only
  }
  const errors = Array.isArray(body.errors) ? (body.errors as FieldError[]) : [];
  return new ApiProblem(
    response.status,
    typeof body.type === 'string' ? body.type : 'about:blank',
    typeof body.title === 'string' ? body.title : `${response.status} ${response.statusText}`,
    typeof body.detail === 'string' ? body.detail : undefined,
    errors,
    body,
  );
}

async function send(method: string, path: string, body: unknown, headers: Record<string, string>): Promise<Response> {
  try {
    return await fetch(API + path, {
      method,
      credentials: 'same-origin',
      headers: {
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(accessToken ? { authorization: `Bearer ${accessToken}` } : {}),
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (err) {
    throw new ApiProblem(0, 'network', 'The server could not be reached', (err as Error).message, [], {});
  }
}

/** One refresh at a time however many requests found the token expired. */
function refresh(): Promise<boolean> {
  refreshing ??= (async () => {
    const response = await send('POST', '/auth/refresh', {}, { 'x-medgrade-csrf': '1' }).catch(() => null);
    if (!response?.ok) {
      accessToken = null;
      return false;
    }
    accessToken = ((await response.json()) as { access_token: string }).access_token;
    return true;
  })().finally(() => { refreshing = null; });
  return refreshing;
}

async function call(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Response> {
  let response = await send(method, path, body, headers);
  if (response.status === 401 && accessToken !== null) {
    if (await refresh()) response = await send(method, path, body, headers);
    else listeners.forEach((l) => l());
  }
  if (!response.ok) throw await problemOf(response);
  return response;
}

export async function request<T>(method: string, path: string, body?: unknown): Promise<T> {
  const response = await call(method, path, body);
  const text = await response.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

export const get = <T>(path: string) => request<T>('GET', path);
export const post = <T>(path: string, body: unknown = {}) => request<T>('POST', path, body);
export const put = <T>(path: string, body: unknown) => request<T>('PUT', path, body);
export const patch = <T>(path: string, body: unknown) => request<T>('PATCH', path, body);

/** A path with its query string, leaving out empty values. */
export function withQuery(path: string, query: Record<string, string | number | undefined | null>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

/** Downloads a text answer (CSV) as a file: the token travels in a header, so a plain link cannot. */
export async function download(path: string, filename: string): Promise<void> {
  const response = await call('GET', path);
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export async function login(email: string, password: string): Promise<void> {
  const response = await send('POST', '/auth/login', { email, password, refresh_cookie: true }, {});
  if (!response.ok) throw await problemOf(response);
  accessToken = ((await response.json()) as { access_token: string }).access_token;
}

/** After a page load: a refresh cookie from an earlier login restores the session. */
export function resume(): Promise<boolean> {
  return refresh();
}

export async function logout(): Promise<void> {
  await send('POST', '/auth/logout', {}, { 'x-medgrade-csrf': '1' }).catch(() => undefined);
  accessToken = null;
}
