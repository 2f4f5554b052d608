import { useSyncExternalStore } from 'react';
import { session } from '../auth/session';

/** The tab's sign-in: the stored key, and whether the server asks for one. */
export function useSession() {
  return useSyncExternalStore(session.subscribe, session.get);
}
