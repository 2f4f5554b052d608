import { Inject, Injectable, Logger } from '@nestjs/common';
import { NESTFLOW_OPTIONS } from '../config/nestflow.constants.js';
import type { ResolvedNestflowOptions } from '../config/nestflow.options.js';
import type { FlowRunState } from '../domain/flow-run-state.js';
import { RunPruner } from './run.pruner.js';

/** Batches per state in one sweep, so a sweep after a long pause stays short; the next goes on. */
const BATCHES_PER_SWEEP = 20;

/**
 * Applies `retention`: every `retention.intervalMs` the worker deletes finished runs older than
 * their state's retention, with all their rows. Unfinished runs are never touched, however old.
 */
@Injectable()
export class RetentionSweeper {
  private readonly logger = new Logger('nestflow:retention');

  constructor(
    @Inject(NESTFLOW_OPTIONS) private readonly options: ResolvedNestflowOptions,
    private readonly pruner: RunPruner,
  ) {}

  /** False when every final state is kept forever (the default): nothing to schedule. */
  get enabled(): boolean {
    return Object.keys(this.options.retention.keep).length > 0;
  }

  /** One pass over the final states with a retention; returns how many runs it deleted. */
  async sweep(now = Date.now()): Promise<number> {
    const { keep, batchSize } = this.options.retention;
    let deleted = 0;
    for (const [state, seconds] of Object.entries(keep) as Array<[FlowRunState, number]>) {
      const before = new Date(now - seconds * 1000);
      const outcome = await this.pruner.prune({ state, before }, batchSize, { maxBatches: BATCHES_PER_SWEEP });
      if (outcome.deleted) this.logger.log(`Deleted ${outcome.deleted} ${state} run(s) finished before ${before.toISOString()}`);
      deleted += outcome.deleted;
    }
    return deleted;
  }
}
