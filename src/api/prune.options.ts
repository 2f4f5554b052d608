import type { Duration } from '../config/duration.js';
import type { FlowRunState } from '../domain/flow-run-state.js';

/** What `pruneFlowRuns` deletes. */
export interface PruneFlowRunsOptions {
  /** Runs that finished longer ago than this: seconds, or a duration string (`'30d'`, `'12h'`, `'90m'`). */
  olderThan: Duration;
  /** Final states to prune (COMPLETED, FAILED, CANCELLED). Default: all three. Any other state is refused. */
  states?: FlowRunState[];
  /** Only count and list the runs that would be deleted. Default `false`. */
  dryRun?: boolean;
}

/** What a prune deleted, or for a dry run, would delete. */
export interface PruneResult {
  dryRun: boolean;
  /** How many runs were (or would be) deleted, each with all its rows. */
  count: number;
  /** The first 100 of them, oldest first within each state, states in the order asked. */
  runIds: string[];
  /** Runs that finished before this were (or would be) deleted. */
  finishedBefore: Date;
}
