import { useEffect, useRef, useState } from 'react';
import { requestCompatible } from '../graphql/compat';
import { errorMessage } from '../graphql/graphql-request.error';
import { LEGACY_NEEDS_ANSWER, NEEDS_ANSWER } from '../graphql/operations';
import { onRunChanged } from '../graphql/run-events';
import type { FlowRunSummary, NeedsAnswer } from '../graphql/types';
import { isWaitingForAnswer, waitExpiry } from '../runs/waiting';
import { useConnection } from './use-connection';

const PAGE_SIZE = 50;
/** Changes often come in bursts (a run resumed, then pausing again): one reload for a burst. */
const RELOAD_DELAY_MS = 100;

interface State {
  runs: FlowRunSummary[];
  counts: NeedsAnswer['counts'] | null;
  loading: boolean;
  error: string | null;
}

type LegacyResult = { flowRuns: { edges: Array<{ node: FlowRunSummary }> } };

/**
 * Runs waiting for a person (PAUSED, SUSPENDED, and RUNNING runs blocked in receiveInput),
 * soonest expiry first, with counts. Reloaded when the state-change stream reports a run that
 * waits now or was listed, and after the socket reconnects.
 */
export function useNeedsAnswer(flowName: string) {
  const [state, setState] = useState<State>({ runs: [], counts: null, loading: true, error: null });
  const listed = useRef(new Set<string>());
  const { epoch } = useConnection();

  useEffect(() => {
    let cancelled = false;
    let timer: number | undefined;
    const load = () =>
      requestCompatible<{ runsNeedingAnswer: NeedsAnswer } & LegacyResult>(NEEDS_ANSWER, LEGACY_NEEDS_ANSWER, {
        flowName: flowName || null,
        first: PAGE_SIZE,
      }).then(
        ({ data, legacy }) => {
          if (cancelled) return;
          const { runs, counts } = legacy ? fromLegacy(data) : data.runsNeedingAnswer;
          listed.current = new Set(runs.map((run) => run.id));
          setState({ runs: sortByExpiry(runs), counts, loading: false, error: null });
        },
        (failure: unknown) => !cancelled && setState((s) => ({ ...s, loading: false, error: errorMessage(failure) })),
      );
    const stop = onRunChanged((run) => {
      if (flowName && run.flowName !== flowName) return;
      if (!isWaitingForAnswer(run) && !listed.current.has(run.id)) return;
      window.clearTimeout(timer);
      timer = window.setTimeout(() => void load(), RELOAD_DELAY_MS);
    });
    setState((s) => ({ ...s, loading: true }));
    void load();
    return () => {
      cancelled = true;
      window.clearTimeout(timer);
      stop();
    };
  }, [flowName, epoch]);

  return state;
}

function fromLegacy(data: LegacyResult): NeedsAnswer {
  const runs = data.flowRuns.edges.map((edge) => edge.node);
  const paused = runs.filter((run) => run.state === 'PAUSED').length;
  return { runs, counts: { paused, suspended: runs.length - paused, receiving: 0, total: runs.length } };
}

/** Soonest expiry first, runs that never expire last; then oldest first. */
function sortByExpiry(runs: FlowRunSummary[]): FlowRunSummary[] {
  const expiry = (run: FlowRunSummary) => {
    const at = waitExpiry(run);
    return at ? Date.parse(at) : Number.POSITIVE_INFINITY;
  };
  return [...runs].sort((a, b) => expiry(a) - expiry(b) || a.createdAt.localeCompare(b.createdAt));
}
