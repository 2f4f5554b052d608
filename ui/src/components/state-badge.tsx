import type { FlowRunState } from '../graphql/types';

/** A run state as a coloured badge; the text itself carries the meaning, not the colour. */
export function StateBadge({ state }: { state: FlowRunState }) {
  return <span className={`badge badge-${state.toLowerCase()}`}>{state}</span>;
}
