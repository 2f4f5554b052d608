import { useEffect, useRef } from 'react';
import { useConnection } from './use-connection';

/** Calls `callback` each time the live socket reconnects (stale "cannot reach the server" messages go then). */
export function useOnReconnect(callback: () => void): void {
  const { epoch } = useConnection();
  const seen = useRef(epoch);
  const latest = useRef(callback);
  latest.current = callback;
  useEffect(() => {
    if (epoch === seen.current) return;
    seen.current = epoch;
    latest.current();
  }, [epoch]);
}
