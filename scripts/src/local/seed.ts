import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';

// Demo data for the local run, created through the public REST API (the same path a real
// client takes): a demo institution, one user per role and two approved demo rubrics, then
// a cohort (cohort.ts) so the analytics have something to show. Passwords are generated on
// the first run and kept in <dataDir>/local-credentials.json (mode 0600) so a restart on the
// same data prints the same ones.

export const DEMO_RUBRICS = ['abdominal_pain_v1.json', 'headache_v1.json'];
export const DEMO_DIR = path.join(__dirname, 'demo');

export interface Credential {
  role: string;
  email: string;
  password: string;
  displayName?: string;
}

/** The cohort's further students, beside student@demo.medgrade.local. */
export const COHORT_STUDENTS = ['Ada Okafor', 'Ben Carter', 'Chen Wei', 'Dara Nolan', 'Eli Moreau'];

export interface LocalCredentials {
  platformAdmin: Credential;
  users: Credential[];
}

const newPassword = () => randomBytes(12).toString('base64url');

const cohortStudent = (name: string, i: number): Credential => ({
  role: 'student', email: `student${i + 2}@demo.medgrade.local`, password: newPassword(), displayName: name,
});

/** The credentials of this data directory; cohort students missing from an older file are added to it. */
export function loadOrCreateCredentials(dataDir: string): LocalCredentials {
  const file = path.join(dataDir, 'local-credentials.json');
  const credentials: LocalCredentials = fs.existsSync(file)
    ? JSON.parse(fs.readFileSync(file, 'utf8')) as LocalCredentials
    : {
      platformAdmin: { role: 'platform_admin', email: 'platform-admin@medgrade.local', password: newPassword() },
      users: ['institution_admin', 'teacher', 'grader', 'student'].map((role) => ({
        role, email: `${role.replace('_', '-')}@demo.medgrade.local`, password: newPassword(),
      })),
    };
  const missing = COHORT_STUDENTS.map(cohortStudent).filter((c) => !credentials.users.some((u) => u.email === c.email));
  if (missing.length > 0 || !fs.existsSync(file)) {
    credentials.users.push(...missing);
    fs.mkdirSync(dataDir, { recursive: true });
    fs.writeFileSync(file, JSON.stringify(credentials, null, 2), { mode: 0o600 });
  }
  return credentials;
}

export class ApiClient {
  constructor(readonly baseUrl: string, private token?: string) {}

  async request<T>(method: string, urlPath: string, body?: unknown, headers: Record<string, string> = {}): Promise<{ status: number; body: T }> {
    const response = await fetch(this.baseUrl + urlPath, {
      method,
      headers: {
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(this.token ? { authorization: `Bearer ${this.token}` } : {}),
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, body: (text ? JSON.parse(text) : undefined) as T };
  }

  /** Like request, but any status other than `expected` is an error naming the problem. */
  async expect<T>(expected: number, method: string, urlPath: string, body?: unknown): Promise<T> {
    const result = await this.request<T>(method, urlPath, body);
    if (result.status !== expected) {
      throw new Error(`${method} ${urlPath} answered ${result.status}: ${JSON.stringify(result.body)}`);
    }
    return result.body;
  }

  static async login(baseUrl: string, email: string, password: string): Promise<ApiClient | null> {
    const anonymous = new ApiClient(baseUrl);
    const result = await anonymous.request<{ access_token: string }>('POST', '/api/v1/auth/login', { email, password });
    return result.status === 200 ? new ApiClient(baseUrl, result.body.access_token) : null;
  }
}

export const userOf = (credentials: LocalCredentials, role: string): Credential => {
  const found = credentials.users.find((u) => u.role === role);
  if (!found) throw new Error(`no demo ${role}`);
  return found;
};

/** Seeds once; returns false when the demo data was already there. */
export async function seedDemo(baseUrl: string, credentials: LocalCredentials): Promise<boolean> {
  const teacherCredential = userOf(credentials, 'teacher');
  if (await ApiClient.login(baseUrl, teacherCredential.email, teacherCredential.password)) return false;

  const platform = await ApiClient.login(baseUrl, credentials.platformAdmin.email, credentials.platformAdmin.password);
  if (!platform) throw new Error('the platform admin cannot log in: this data directory was seeded with other credentials; remove it to start fresh');
  const institutionAdmin = userOf(credentials, 'institution_admin');
  await platform.expect(201, 'POST', '/api/v1/institutions', {
    name: 'Demo Medical School',
    admin: { email: institutionAdmin.email, password: institutionAdmin.password, display_name: 'Demo institution admin' },
  });
  const admin = await ApiClient.login(baseUrl, institutionAdmin.email, institutionAdmin.password);
  if (!admin) throw new Error('the demo institution admin cannot log in');
  for (const user of credentials.users.filter((u) => u.role !== 'institution_admin')) {
    await admin.expect(201, 'POST', '/api/v1/users', { email: user.email, password: user.password, role: user.role, display_name: user.displayName ?? `Demo ${user.role}` });
  }
  const teacher = await ApiClient.login(baseUrl, teacherCredential.email, teacherCredential.password);
  if (!teacher) throw new Error('the demo teacher cannot log in');
  for (const file of DEMO_RUBRICS) {
    const rubric = JSON.parse(fs.readFileSync(path.join(DEMO_DIR, file), 'utf8')) as { rubric_id: string };
    const created = await teacher.expect<{ version: string }>(201, 'POST', '/api/v1/rubrics', rubric);
    await teacher.expect(200, 'POST', `/api/v1/rubrics/${rubric.rubric_id}/versions/${created.version}/approve`);
  }
  return true;
}
