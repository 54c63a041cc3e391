import type { DataLayer, User as DataUser } from '@medgrade/data';
import type { Logger } from '@medgrade/kit';
import type { AccessTokens } from '../auth/tokens';
import type { GatewayConfig } from '../config';
import type { Upstream } from '../upstream';

/** Everything the route handlers use; tests build one with real stores and real gRPC servers. */
export interface GatewayDeps {
  config: GatewayConfig;
  data: DataLayer;
  upstream: Upstream;
  tokens: AccessTokens;
  logger: Logger;
}

/** A user as the API shows it (snake_case, no password hash, ISO times). */
export function userView(user: DataUser) {
  return {
    id: user.id,
    email: user.email,
    role: user.role,
    institution_id: user.institutionId,
    display_name: user.displayName || null,
    disabled: user.disabled,
    created_at: user.createdAt.toISOString(),
  };
}
