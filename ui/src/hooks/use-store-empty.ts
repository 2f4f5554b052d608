import { useEffect, useState } from 'react';
import { request } from '../graphql/client';
import { ANY_RUN } from '../graphql/operations';
import { onRunChanged } from '../graphql/run-events';

/**
 * Whether the store holds no run at all, asked only while `check` (a list came back empty):
 * "No runs yet" welcomes a new inbox, "No runs match" is for filters. Null until known.
 */
export function useStoreEmpty(check: boolean): boolean | null {
  const [empty, setEmpty] = useState<boolean | null>(null);
  useEffect(() => {
    if (!check) return;
    let cancelled = false;
    request<{ flowRuns: { edges: unknown[] } }>(ANY_RUN).then(
      (data) => !cancelled && setEmpty(data.flowRuns.edges.length === 0),
      () => !cancelled && setEmpty(null),
    );
    const stop = onRunChanged(() => setEmpty(false));
    return () => {
      cancelled = true;
      stop();
    };
  }, [check]);
  return check ? empty : null;
}
