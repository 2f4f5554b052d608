import { Injectable } from '@nestjs/common';
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { PruneStore, type PruneRule } from '../persistence/prune.store.js';

/** What one pruning pass deleted. */
export interface PruneOutcome {
  deleted: number;
  /** The ids of the first `listed` runs deleted, oldest first. */
  runIds: string[];
  /** False when it stopped at `maxBatches` with runs left. */
  done: boolean;
}

/**
 * Deletes the runs a rule matches, one short transaction per batch. Between batches it yields to
 * the event loop, and on SQLite other writes queued meanwhile go first: a long prune never holds
 * the store for more than one batch.
 */
@Injectable()
export class RunPruner {
  constructor(private readonly store: PruneStore) {}

  async prune(rule: PruneRule, batchSize: number, options: { maxBatches?: number; listed?: number } = {}): Promise<PruneOutcome> {
    const { maxBatches = Infinity, listed = 0 } = options;
    const outcome: PruneOutcome = { deleted: 0, runIds: [], done: false };
    for (let batches = 0; batches < maxBatches; batches++) {
      const ids = await this.store.deleteBatch(rule, batchSize);
      outcome.deleted += ids.length;
      outcome.runIds.push(...ids.slice(0, Math.max(0, listed - outcome.runIds.length)));
      // A short batch: nothing left but runs another node is deleting right now (PostgreSQL).
      if (ids.length < batchSize) return { ...outcome, done: true };
      await yieldToEventLoop();
    }
    return outcome;
  }
}
