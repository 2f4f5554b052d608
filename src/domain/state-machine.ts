import { InvalidStateTransitionError } from './errors/invalid-state-transition.error.js';
import { FlowRunState as S } from './flow-run-state.js';

/**
 * The only place that says which state changes are legal. Every writer goes through
 * `assertTransition`, and the guarded update in the store repeats the `from` list in SQL so a
 * concurrent writer cannot slip in between the check and the write.
 */
const TRANSITIONS: Readonly<Record<S, readonly S[]>> = {
  // claimed by a worker; cancelled before it starts; failed when its flow is not deployed here
  [S.SCHEDULED]: [S.RUNNING, S.CANCELLED, S.FAILED],
  // back to SCHEDULED: its node died or let it go (replay), or a flow retry
  [S.RUNNING]: [S.PAUSED, S.SUSPENDED, S.COMPLETED, S.FAILED, S.CANCELLED, S.SCHEDULED],
  // RUNNING: resumed or timed out in memory; SUSPENDED: the process holding it died
  [S.PAUSED]: [S.RUNNING, S.SUSPENDED, S.FAILED, S.CANCELLED],
  // SCHEDULED: resumed, a worker replays it
  [S.SUSPENDED]: [S.SCHEDULED, S.FAILED, S.CANCELLED],
  [S.COMPLETED]: [],
  // SCHEDULED: an operator's retry (retryFlowRun); a worker replays it
  [S.FAILED]: [S.SCHEDULED],
  [S.CANCELLED]: [],
};

/** Where a run's execution ends. FAILED is final for the engine; only an operator's retry leaves it. */
export const TERMINAL_STATES: readonly S[] = [S.COMPLETED, S.FAILED, S.CANCELLED];
export const WAITING_STATES: readonly S[] = [S.PAUSED, S.SUSPENDED];

export function canTransition(from: S, to: S): boolean {
  return TRANSITIONS[from].includes(to);
}

/** The states a run may be in for a move to `to` to be legal. */
export function sourcesOf(to: S): S[] {
  return (Object.keys(TRANSITIONS) as S[]).filter((from) => TRANSITIONS[from].includes(to));
}

export function assertTransition(from: S, to: S, runId?: string): void {
  if (!canTransition(from, to)) throw new InvalidStateTransitionError(from, to, runId);
}

export function isTerminal(state: S): boolean {
  return TERMINAL_STATES.includes(state);
}
