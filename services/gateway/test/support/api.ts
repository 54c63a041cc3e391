import * as assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';

// A small HTTP client for the tests (plain fetch: what a real client sends) and a helper
// that builds an institution with one user per role through the API itself.

export interface ApiResponse<T = any> {
  status: number;
  headers: Headers;
  body: T;
  contentType: string;
}

export interface RequestOptions {
  body?: unknown;
  rawBody?: string;
  headers?: Record<string, string>;
}

export class Api {
  /** `headers` go with every request (e.g. a cookie). */
  constructor(readonly url: string, readonly token?: string, private readonly headers: Record<string, string> = {}) {}

  async request<T = any>(method: string, urlPath: string, options: RequestOptions = {}): Promise<ApiResponse<T>> {
    const headers: Record<string, string> = { ...this.headers, ...(this.token ? { authorization: `Bearer ${this.token}` } : {}) };
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    const response = await fetch(this.url + urlPath, {
      method,
      headers: { ...headers, ...options.headers },
      body: options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body)),
    });
    const text = await response.text();
    const contentType = response.headers.get('content-type') ?? '';
    return { status: response.status, headers: response.headers, contentType, body: (text && contentType.includes('json') ? JSON.parse(text) : text) as T };
  }

  get = <T = any>(p: string, o?: RequestOptions) => this.request<T>('GET', p, o);
  post = <T = any>(p: string, body?: unknown, o: RequestOptions = {}) => this.request<T>('POST', p, { ...o, body });
  put = <T = any>(p: string, body?: unknown) => this.request<T>('PUT', p, { body });
  patch = <T = any>(p: string, body?: unknown) => this.request<T>('PATCH', p, { body });

  /** Asserts the status and returns the body; the message carries the body to explain a failure. */
  async ok<T = any>(expected: number, method: string, urlPath: string, body?: unknown, headers?: Record<string, string>): Promise<T> {
    const response = await this.request<T>(method, urlPath, { body, headers });
    assert.equal(response.status, expected, `${method} ${urlPath}: ${JSON.stringify(response.body)}`);
    return response.body;
  }
}

export async function login(url: string, email: string, password: string): Promise<{ api: Api; tokens: { access_token: string; refresh_token: string; expires_in: number } }> {
  const tokens = await new Api(url).ok(200, 'POST', '/api/v1/auth/login', { email, password });
  return { api: new Api(url, tokens.access_token), tokens };
}

export const INSTITUTION_ROLES = ['institution_admin', 'teacher', 'grader', 'student'] as const;
export type InstitutionRole = (typeof INSTITUTION_ROLES)[number];

export interface Member {
  id: string;
  email: string;
  password: string;
  api: Api;
}

export interface TestInstitution {
  id: string;
  members: Record<InstitutionRole, Member>;
}

const unique = () => randomBytes(4).toString('hex');

/** A fresh institution with one user per role, created through the API by the platform admin. */
export async function createInstitution(url: string, platformAdmin: { email: string; password: string }): Promise<TestInstitution> {
  const { api: platform } = await login(url, platformAdmin.email, platformAdmin.password);
  const tag = unique();
  const password = `pw-${randomBytes(9).toString('hex')}`;
  const created = await platform.ok(201, 'POST', '/api/v1/institutions', {
    name: `Test school ${tag}`, admin: { email: `admin-${tag}@test.medgrade.local`, password },
  });
  const members: Partial<Record<InstitutionRole, Member>> = {};
  const adminApi = (await login(url, created.admin.email, password)).api;
  members.institution_admin = { id: created.admin.id, email: created.admin.email, password, api: adminApi };
  for (const role of INSTITUTION_ROLES.filter((r) => r !== 'institution_admin')) {
    const email = `${role}-${tag}@test.medgrade.local`;
    const user = await adminApi.ok(201, 'POST', '/api/v1/users', { email, password, role });
    members[role] = { id: user.id, email, password, api: (await login(url, email, password)).api };
  }
  return { id: created.id, members: members as Record<InstitutionRole, Member> };
}

const fixtures = path.join(__dirname, '..', 'fixtures');

/** The test rubric with a fresh id, so tests never collide on rubric ids. */
export function fixtureRubric(rubricId = `syncope_${unique()}`): Record<string, unknown> {
  return { ...JSON.parse(fs.readFileSync(path.join(fixtures, 'syncope_rubric.json'), 'utf8')), rubric_id: rubricId };
}

export const fixtureTranscript = (): string => fs.readFileSync(path.join(fixtures, 'syncope_transcript.txt'), 'utf8');

/** Creates and approves a rubric as the given author; returns its id. */
export async function approvedRubric(author: Api, rubric = fixtureRubric()): Promise<string> {
  const created = await author.ok(201, 'POST', '/api/v1/rubrics', rubric);
  await author.ok(200, 'POST', `/api/v1/rubrics/${created.rubric_id}/versions/${created.version}/approve`);
  return created.rubric_id as string;
}

/** The shape every error answer must have. */
export function assertProblem(response: ApiResponse, status: number, type: string): void {
  assert.equal(response.status, status, JSON.stringify(response.body));
  assert.match(response.contentType, /^application\/problem\+json/);
  assert.equal(response.body.type, `https://medgrade.dev/problems/${type}`);
  assert.equal(response.body.status, status);
  assert.equal(typeof response.body.title, 'string');
  assert.equal(typeof response.body.detail, 'string');
  assert.ok(response.body.request_id, 'problem carries the request id');
  assert.ok(!JSON.stringify(response.body).includes('    at '), 'no stack trace');
}
