import { randomBytes } from 'node:crypto';
import type { DataLayer, TenantContext } from '@medgrade/data';
import type { Logger } from '@medgrade/kit';
import type { GatewayConfig } from './config';

// First start on an empty database: create an institution and its platform admin from
// BOOTSTRAP_ADMIN_EMAIL / BOOTSTRAP_ADMIN_PASSWORD. In local mode missing values are
// generated and printed once; in production the gateway refuses to start on an empty
// database without them, because nobody could ever log in.

/** Reads every institution; used only to tell whether the platform was ever set up. */
const SETUP_PROBE: TenantContext = {
  institutionId: '00000000-0000-0000-0000-000000000000',
  userId: '00000000-0000-0000-0000-000000000000',
  role: 'platform_admin',
};

export interface BootstrapOutcome {
  created: boolean;
  email?: string;
  /** Only when it was generated here (local mode), so the launcher can print it. */
  generatedPassword?: string;
}

export class BootstrapRefused extends Error {}

export async function bootstrapPlatform(data: DataLayer, config: GatewayConfig, logger: Logger): Promise<BootstrapOutcome> {
  let { email, password } = config.bootstrap;
  let generatedPassword: string | undefined;
  if (!email || !password) {
    const institutions = await data.institutions.list(SETUP_PROBE);
    if (institutions.length > 0) return { created: false };
    if (config.mode === 'production') {
      throw new BootstrapRefused('the database has no users: set BOOTSTRAP_ADMIN_EMAIL and BOOTSTRAP_ADMIN_PASSWORD for the first start');
    }
    email = 'admin@medgrade.local';
    password = generatedPassword = randomBytes(12).toString('base64url');
  }
  const created = await data.bootstrapAdmin({
    email,
    password,
    institutionName: config.bootstrap.institutionName,
    institutionSlug: config.bootstrap.institutionName.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '') || 'default',
  });
  if (!created) return { created: false };
  logger.info({ institution_id: created.institution.id, admin_id: created.admin.id }, 'bootstrap: created the first institution and its platform admin');
  return { created: true, email, generatedPassword };
}
