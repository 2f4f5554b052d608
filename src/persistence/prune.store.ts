import { Inject, Injectable } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import type { FlowRunState } from '../domain/flow-run-state.js';
import { isTerminal } from '../domain/state-machine.js';
import { sqliteDatabase } from './data-source.factory.js';
import { NESTFLOW_DATA_SOURCE } from './data-source.token.js';
import { FlowRunEntity } from './entities/index.js';
import { POSTGRES_PRUNE_BATCH, sqlitePruneBatch } from './sql/prune-statements.js';
import { StoreWriter } from './store-writer.js';

/** Finished runs of one final state whose last change (the move to that state) was before `before`. */
export interface PruneRule {
  state: FlowRunState;
  before: Date;
}

/**
 * Deletes finished runs with every row of theirs, in batches; reads which runs a rule matches.
 * Candidates come oldest first from the `(state, updated_at)` index, so a dry run lists the runs
 * a prune deletes first.
 */
@Injectable()
export class PruneStore {
  constructor(
    @Inject(NESTFLOW_DATA_SOURCE) private readonly dataSource: DataSource,
    private readonly writer: StoreWriter,
  ) {}

  /** How many runs `rule` matches. */
  async count(rule: PruneRule): Promise<number> {
    return this.matching(rule).getCount();
  }

  /** The ids of the first `limit` runs `rule` matches, oldest first. */
  async candidates(rule: PruneRule, limit: number): Promise<string[]> {
    const rows = await this.matching(rule)
      .select('run.id', 'id')
      .orderBy('run.updatedAt', 'ASC')
      .limit(limit)
      .getRawMany<{ id: string }>();
    return rows.map((row) => row.id);
  }

  /**
   * Deletes up to `limit` runs `rule` matches, oldest first, with all their rows, in one
   * transaction; returns their ids. On PostgreSQL, runs another node is deleting are skipped.
   */
  async deleteBatch(rule: PruneRule, limit: number): Promise<string[]> {
    assertFinal(rule.state);
    if (this.dataSource.options.type === 'postgres') {
      const runner = this.dataSource.createQueryRunner();
      try {
        const { records } = await runner.query(POSTGRES_PRUNE_BATCH, [rule.state, rule.before, limit], true);
        return (records as Array<{ id: string }>).map((row) => row.id);
      } finally {
        await runner.release();
      }
    }
    const db = sqliteDatabase(this.dataSource);
    return this.writer.write(async () => sqlitePruneBatch(db, rule.state, rule.before, limit));
  }

  private matching(rule: PruneRule) {
    assertFinal(rule.state);
    return this.dataSource.manager
      .createQueryBuilder(FlowRunEntity, 'run')
      .where('run.state = :state AND run.updatedAt < :before', { state: rule.state, before: rule.before });
  }
}

/** The last guard: whatever the caller checked, an unfinished run is never deleted. */
function assertFinal(state: FlowRunState): void {
  if (!isTerminal(state)) throw new Error(`nestflow: refusing to prune runs in state ${String(state)}, which is not final`);
}
