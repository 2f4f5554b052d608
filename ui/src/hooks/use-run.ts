import { useEffect, useMemo, useState } from 'react';
import { subscribe } from '../graphql/client';
import { requestCompatible } from '../graphql/compat';
import { errorMessage } from '../graphql/graphql-request.error';
import { FLOW_RUN, LEGACY_FLOW_RUN, RUN_LOGS } from '../graphql/operations';
import { onRunChanged } from '../graphql/run-events';
import type { FlowRunDetail, FlowRunLog } from '../graphql/types';
import { useConnection } from './use-connection';

interface RunState {
  run: FlowRunDetail | null;
  loading: boolean;
  error: string | null;
}

/**
 * One run with its history and logs. Reloaded whenever the state-change stream reports a newer
 * version (or another receiveInput wait); log lines stream in through `flowRunLogs` and are merged with the loaded ones by id
 * (a line may come both ways).
 */
export function useRun(id: string) {
  const [state, setState] = useState<RunState>({ run: null, loading: true, error: null });
  const [live, setLive] = useState<{ id: string; logs: FlowRunLog[] }>({ id, logs: [] });
  const { epoch } = useConnection();

  useEffect(() => {
    let cancelled = false;
    let loadedVersion = -1;
    let loadedReceiving = '';
    let inFlight: Promise<void> | null = null;
    let again = false;
    // A reconnect reloads the same run in place; only another run starts from scratch.
    setState((current) => (current.run?.id === id ? current : { run: null, loading: true, error: null }));
    setLive((current) => (current.id === id ? current : { id, logs: [] }));
    const load = (): void => {
      if (inFlight) {
        again = true; // one more load after this one: it may have read the run before the change
        return;
      }
      inFlight = requestCompatible<{ flowRun: FlowRunDetail | null }>(FLOW_RUN, LEGACY_FLOW_RUN, { id })
        .then(
          ({ data: { flowRun } }) => {
            if (cancelled) return;
            loadedVersion = flowRun?.version ?? loadedVersion;
            loadedReceiving = receivingMark(flowRun);
            setState({ run: flowRun, loading: false, error: flowRun ? null : `There is no run ${id}.` });
          },
          (failure: unknown) => {
            if (!cancelled) setState((s) => ({ ...s, loading: false, error: errorMessage(failure) }));
          },
        )
        .finally(() => {
          inFlight = null;
          if (again && !cancelled) {
            again = false;
            load();
          }
        });
    };
    const stopStates = onRunChanged(
      (run) => run.id === id && (run.version > loadedVersion || receivingMark(run) !== loadedReceiving) && load(),
    );
    const stopLogs = subscribe<{ flowRunLogs: FlowRunLog }>(RUN_LOGS, { id }, ({ flowRunLogs: log }) =>
      setLive((current) => ({ id, logs: current.id === id ? [...current.logs, log] : [log] })),
    );
    load();
    return () => {
      cancelled = true;
      stopStates();
      stopLogs();
    };
  }, [id, epoch]);

  const logs = useMemo(() => mergeLogs(state.run?.logs ?? [], live.id === id ? live.logs : []), [state.run, live, id]);
  return { ...state, logs };
}

/** Starting or ending a wait in receiveInput may come without a new version: compare the wait itself. */
function receivingMark(run: Pick<FlowRunDetail, 'receiving'> | null): string {
  return run?.receiving ? `waiting until ${run.receiving.expiresAt ?? 'never'}` : '';
}

function mergeLogs(loaded: FlowRunLog[], live: FlowRunLog[]): FlowRunLog[] {
  const byId = new Map<string, FlowRunLog>();
  for (const log of [...loaded, ...live]) byId.set(log.id, log);
  return [...byId.values()].sort((a, b) => a.timestamp.localeCompare(b.timestamp));
}
