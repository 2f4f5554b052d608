import { Inject, Injectable } from '@nestjs/common';
import { NESTFLOW_OPTIONS } from '../config/nestflow.constants.js';
import type { ResolvedNestflowOptions } from '../config/nestflow.options.js';
import { parseDuration } from '../config/duration.js';
import { RunPruner } from '../engine/run.pruner.js';
import { PruneStore } from '../persistence/prune.store.js';
import { rethrowStoreError } from '../persistence/store-errors.js';
import { NotFinalStateError } from '../domain/errors/not-final-state.error.js';
import type { FlowRunState } from '../domain/flow-run-state.js';
import { TERMINAL_STATES, isTerminal } from '../domain/state-machine.js';
import type { PruneFlowRunsOptions, PruneResult } from './prune.options.js';

export type { PruneFlowRunsOptions, PruneResult } from './prune.options.js';

/** Run ids a prune lists at most; `count` says how many there are. */
const LISTED = 100;

/**
 * Deleting finished runs on demand (retention, the `retention` option, does it on a schedule).
 * A run goes with every row of its own; unfinished runs are never deleted, however old.
 */
@Injectable()
export class RetentionService {
  constructor(
    @Inject(NESTFLOW_OPTIONS) private readonly options: ResolvedNestflowOptions,
    private readonly store: PruneStore,
    private readonly pruner: RunPruner,
  ) {}

  /**
   * Deletes (or with `dryRun`, counts and lists) the runs in `states` that finished longer than
   * `olderThan` ago. An unparsable duration (InvalidDurationError) or a state that is not final
   * (NotFinalStateError) deletes nothing. Deletes in batches of `retention.batchSize`, one short
   * transaction each.
   */
  async pruneFlowRuns(options: PruneFlowRunsOptions): Promise<PruneResult> {
    const seconds = parseDuration(options.olderThan, 'olderThan');
    const states = finalStates(options.states);
    const finishedBefore = new Date(Date.now() - seconds * 1000);
    const rules = states.map((state) => ({ state, before: finishedBefore }));
    const dryRun = options.dryRun ?? false;
    let count = 0;
    const runIds: string[] = [];
    for (const rule of rules) {
      if (dryRun) {
        count += await this.store.count(rule).catch(rethrowStoreError);
        if (runIds.length < LISTED)
          runIds.push(...(await this.store.candidates(rule, LISTED - runIds.length).catch(rethrowStoreError)));
      } else {
        const outcome = await this.pruner
          .prune(rule, this.options.retention.batchSize, { listed: LISTED - runIds.length })
          .catch(rethrowStoreError);
        count += outcome.deleted;
        runIds.push(...outcome.runIds);
      }
    }
    return { dryRun, count, runIds, finishedBefore };
  }
}

/** The final states asked for, each once, in order; all three when none is named. */
function finalStates(states: readonly FlowRunState[] | undefined): FlowRunState[] {
  if (!states?.length) return [...TERMINAL_STATES];
  const refused = states.find((state) => !isTerminal(state));
  if (refused !== undefined) throw new NotFinalStateError(refused);
  return [...new Set(states)];
}
