/**
 * Who the inbox signs in as: an API key kept for this tab (sessionStorage, so it goes with the
 * tab and never reaches other tabs or disk), or nothing when the server needs no key or reads
 * the host's own session cookie. `needed` turns true when the server refuses a request as
 * unauthenticated; the app then shows its sign-in screen. An external store for
 * `useSyncExternalStore`.
 */
export type SignInReason = 'required' | 'rejected' | 'signed-out';

interface SessionSnapshot {
  key: string | null;
  needed: boolean;
  reason: SignInReason | null;
}

const STORAGE_KEY = 'nestflow-inbox:api-key';
const listeners = new Set<() => void>();
let snapshot: SessionSnapshot = { key: readStoredKey(), needed: false, reason: null };

function readStoredKey(): string | null {
  try {
    return window.sessionStorage.getItem(STORAGE_KEY);
  } catch {
    return null; // storage blocked: the key lives only as long as the page
  }
}

function storeKey(key: string | null): void {
  try {
    if (key) window.sessionStorage.setItem(STORAGE_KEY, key);
    else window.sessionStorage.removeItem(STORAGE_KEY);
  } catch {
    // storage blocked: see readStoredKey
  }
}

function update(next: SessionSnapshot): void {
  snapshot = next;
  listeners.forEach((listener) => listener());
}

export const session = {
  get: (): SessionSnapshot => snapshot,
  subscribe(listener: () => void): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
  /**
   * The server refused a request made with `usedKey` as unauthenticated. Ignored when the key
   * changed since (a request sent before signing in), or when sign-in is already asked for.
   */
  refused(usedKey: string | null): void {
    if (snapshot.needed || usedKey !== snapshot.key) return;
    storeKey(null);
    update({ key: null, needed: true, reason: usedKey ? 'rejected' : 'required' });
  },
  signIn(key: string | null): void {
    storeKey(key);
    update({ key, needed: false, reason: null });
  },
  signOut(): void {
    storeKey(null);
    update({ key: null, needed: true, reason: 'signed-out' });
  },
  /** Resolves once sign-in is no longer asked for. */
  whenSignedIn(): Promise<void> {
    if (!snapshot.needed) return Promise.resolve();
    return new Promise((resolve) => {
      const stop = session.subscribe(() => {
        if (snapshot.needed) return;
        stop();
        resolve();
      });
    });
  },
};
