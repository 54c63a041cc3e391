import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { Me } from './types';

// Who is signed in and what the API lets them do. Screens ask `can(permission)`: the
// permission names come from GET /me, so the gateway's permission table is the only source.

export interface Session {
  me: Me;
  can(permission: string): boolean;
  signOut(): void;
}

export const SessionContext = createContext<Session | null>(null);

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside a signed-in page');
  return session;
}

export function sessionOf(me: Me, signOut: () => void): Session {
  const permissions = new Set(me.permissions ?? []);
  return { me, can: (permission) => permissions.has(permission), signOut };
}
