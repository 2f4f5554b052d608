import { useEffect, useState } from 'react';
import { request } from '../graphql/client';
import { errorMessage } from '../graphql/graphql-request.error';
import { FLOW_RUNS } from '../graphql/operations';
import { onRunChanged } from '../graphql/run-events';
import type { FlowRunState, FlowRunSummary } from '../graphql/types';
import { useConnection } from './use-connection';

/** `NEEDS_ANSWER`: the runs waiting for a person (the landing view); `''`: every state. */
export interface RunsFilter {
  state: FlowRunState | '' | 'NEEDS_ANSWER';
  flowName: string;
}

/** A filter over every state (the needs-answer view has its own hook). */
export type StateFilter = RunsFilter & { state: FlowRunState | '' };

const PAGE_SIZE = 100;

/**
 * The newest runs matching `filter`, kept current by the state-change stream. Events that
 * arrive while the query is in flight are applied on top of its result; `version` keeps an
 * older event from overwriting a newer row. Reloads after the socket reconnects.
 */
export function useRuns(filter: StateFilter) {
  const [runs, setRuns] = useState<FlowRunSummary[]>([]);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const { epoch } = useConnection();

  useEffect(() => {
    let buffered: FlowRunSummary[] | null = [];
    const matches = (run: FlowRunSummary) =>
      (!filter.state || run.state === filter.state) && (!filter.flowName || run.flowName === filter.flowName);
    const apply = (run: FlowRunSummary) => setRuns((current) => upsert(current, run, matches(run)));
    const stop = onRunChanged((run) => (buffered ? buffered.push(run) : apply(run)));
    const variables = {
      first: PAGE_SIZE,
      filter: { flowName: filter.flowName || null, states: filter.state ? [filter.state] : null },
    };
    setLoading(true);
    request<{ flowRuns: { edges: Array<{ node: FlowRunSummary }> } }>(FLOW_RUNS, variables)
      .then(
        (data) => {
          setRuns(data.flowRuns.edges.map((edge) => edge.node));
          setError(null);
        },
        (failure: unknown) => setError(errorMessage(failure)),
      )
      .finally(() => {
        buffered?.forEach(apply);
        buffered = null;
        setLoading(false);
      });
    return stop;
  }, [filter.state, filter.flowName, epoch]);

  return { runs, loading, error };
}

/** Inserts, replaces or (when it no longer matches) removes `run`, newest first. */
function upsert(runs: FlowRunSummary[], run: FlowRunSummary, keep: boolean): FlowRunSummary[] {
  const existing = runs.find((item) => item.id === run.id);
  if (existing && existing.version > run.version) return runs;
  const others = runs.filter((item) => item.id !== run.id);
  if (!keep) return others;
  return [...others, run].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
}
