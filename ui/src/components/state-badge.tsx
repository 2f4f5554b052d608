import type { FlowRunState } from '../graphql/types';

/**
 * A run state as a coloured badge; the text itself carries the meaning, not the colour. `waiting`
 * marks a RUNNING run blocked in receiveInput, which waits for input like a paused one.
 */
export function StateBadge({ state, waiting = false }: { state: FlowRunState; waiting?: boolean }) {
  if (waiting && state === 'RUNNING') return <span className="badge badge-paused">WAITING FOR INPUT</span>;
  return <span className={`badge badge-${state.toLowerCase()}`}>{state}</span>;
}
