import type { LocalCredentials } from './seed';

// The platform admin that `npm start` bootstraps on an empty database and seeds the demo
// with: BOOTSTRAP_ADMIN_EMAIL and BOOTSTRAP_ADMIN_PASSWORD when set (as the configuration
// table says; never written to disk), else the generated one kept in local-credentials.json.

export interface PlatformAdminChoice {
  credentials: LocalCredentials;
  /** True when the admin comes from the environment. */
  fromEnv: boolean;
}

export function choosePlatformAdmin(credentials: LocalCredentials, env: NodeJS.ProcessEnv): PlatformAdminChoice {
  const { BOOTSTRAP_ADMIN_EMAIL: email, BOOTSTRAP_ADMIN_PASSWORD: password } = env;
  if (!email && !password) return { credentials, fromEnv: false };
  if (!email || !password) throw new Error('set both BOOTSTRAP_ADMIN_EMAIL and BOOTSTRAP_ADMIN_PASSWORD, or neither (then an admin is generated)');
  return { credentials: { ...credentials, platformAdmin: { role: 'platform_admin', email, password } }, fromEnv: true };
}

/** The line `npm start` prints about the admin it used. */
export function platformAdminLine({ credentials, fromEnv }: PlatformAdminChoice, credentialsFile: string): string {
  const source = fromEnv ? 'from BOOTSTRAP_ADMIN_EMAIL / BOOTSTRAP_ADMIN_PASSWORD' : `generated, kept in ${credentialsFile}`;
  return `medgrade: platform admin ${credentials.platformAdmin.email} (${source})`;
}
