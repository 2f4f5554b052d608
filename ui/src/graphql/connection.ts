/**
 * The graphql-ws socket's state, as an external store for `useSyncExternalStore`. `epoch` grows
 * on every connect: live views reload then, since events may have been missed while offline
 * (or, the first time, before the stream was up).
 */
export type ConnectionStatus = 'connecting' | 'live' | 'offline';

interface ConnectionSnapshot {
  status: ConnectionStatus;
  epoch: number;
}

let snapshot: ConnectionSnapshot = { status: 'connecting', epoch: 0 };
const listeners = new Set<() => void>();

export const connection = {
  get: (): ConnectionSnapshot => snapshot,
  subscribe(listener: () => void): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
  set(status: ConnectionStatus, reconnected = false): void {
    snapshot = { status, epoch: snapshot.epoch + (reconnected ? 1 : 0) };
    listeners.forEach((listener) => listener());
  },
};
