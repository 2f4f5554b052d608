import { Inject, Injectable } from '@nestjs/common';
import { In, type DataSource } from 'typeorm';
import { FlowRunState } from '../runs/flow-run-state.js';
import type { FlowRun } from '../runs/flow-run.js';
import { NESTFLOW_DATA_SOURCE } from './data-source.token.js';
import { FlowRunEntity, FlowRunStateEntity } from './entities/index.js';
import { StoreWriter } from './store-writer.js';

/**
 * Claims due SCHEDULED runs for one worker in one transaction. On PostgreSQL the candidates are
 * locked with `FOR UPDATE SKIP LOCKED`, so concurrent claimers on many nodes never wait for each
 * other and never get the same run; on SQLite the store writer already serialises claimers.
 */
@Injectable()
export class ClaimStore {
  private readonly skipLocked: boolean;

  constructor(
    @Inject(NESTFLOW_DATA_SOURCE) dataSource: DataSource,
    private readonly writer: StoreWriter,
  ) {
    this.skipLocked = dataSource.options.type === 'postgres';
  }

  claimScheduled(workerId: string, limit: number, leaseMs: number): Promise<FlowRun[]> {
    return this.writer.transaction(async (manager) => {
      const now = new Date();
      const candidates = manager
        .createQueryBuilder(FlowRunEntity, 'run')
        .select('run.id', 'id')
        .where('run.state = :state', { state: FlowRunState.SCHEDULED })
        .andWhere('(run.scheduledAt IS NULL OR run.scheduledAt <= :now)', { now })
        .orderBy('run.createdAt', 'ASC')
        .limit(limit);
      if (this.skipLocked) candidates.setLock('pessimistic_write').setOnLocked('skip_locked');
      const ids = (await candidates.getRawMany<{ id: string }>()).map((row) => row.id);
      if (!ids.length) return [];
      await manager
        .createQueryBuilder()
        .update(FlowRunEntity)
        .set({
          state: FlowRunState.RUNNING,
          stateMessage: null,
          version: () => 'version + 1',
          leaseOwner: workerId,
          leaseExpiresAt: new Date(now.getTime() + leaseMs),
          updatedAt: now,
        })
        .where({ id: In(ids), state: FlowRunState.SCHEDULED })
        .execute();
      await manager.insert(
        FlowRunStateEntity,
        ids.map((runId) => ({ runId, state: FlowRunState.RUNNING, message: null, timestamp: now })),
      );
      return manager.find(FlowRunEntity, { where: { id: In(ids) }, order: { createdAt: 'ASC' } });
    });
  }
}
