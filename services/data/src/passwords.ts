// Password hashing: argon2id through the `argon2` package, which ships prebuilt binaries
// for glibc and musl Linux, so no install script or compiler is needed.
import * as argon2 from 'argon2';

// OWASP's second argon2id profile (19 MiB, 2 passes): strong, and cheap enough that the
// 2-core hosts serving logins are not starved.
const PARAMETERS = { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export const MIN_PASSWORD_LENGTH = 8;

export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, PARAMETERS);
}

export async function verifyPassword(hash: string, password: string): Promise<boolean> {
  try {
    return await argon2.verify(hash, password);
  } catch {
    return false;
  }
}

let decoyHash: Promise<string> | undefined;

/** Burns the same work as a real verification, so unknown emails cost as much as wrong passwords. */
export async function verifyDecoy(password: string): Promise<void> {
  decoyHash ??= hashPassword('medgrade-decoy-password');
  await verifyPassword(await decoyHash, password);
}
