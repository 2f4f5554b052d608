import { useSyncExternalStore } from 'react';
import { connection } from '../graphql/connection';

/** The live socket's status and reconnect epoch. */
export function useConnection() {
  return useSyncExternalStore(connection.subscribe, connection.get);
}
