import { Inject, Injectable } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import type { FlowRun } from '../domain/flow-run.js';
import type { PauseTimers } from '../domain/pause-timers.js';
import { NESTFLOW_DATA_SOURCE } from './data-source.token.js';
import { FlowRunEntity } from './entities/index.js';
import { columns } from './entities/stored-json.js';
import { runOfEntity } from './sql/run-columns.js';
import { StoreWriter } from './store-writer.js';

/**
 * A pause's reminders and escalation, on its run's row (see `PauseTimers`): the due ones are
 * read from the `timer_due_at` index, and each is claimed with a guarded update that does not
 * bump the run's version, so an answer racing with it is neither refused nor lost.
 */
@Injectable()
export class PauseTimerStore {
  constructor(
    @Inject(NESTFLOW_DATA_SOURCE) private readonly dataSource: DataSource,
    private readonly writer: StoreWriter,
  ) {}

  /** Runs with a reminder or an escalation due at `now`, the longest due first. */
  async findDue(now: Date, limit: number): Promise<FlowRun[]> {
    const rows = await this.dataSource.manager
      .createQueryBuilder(FlowRunEntity, 'run')
      .where('run.timerDueAt <= :now', { now })
      .orderBy('run.timerDueAt', 'ASC')
      .take(limit)
      .getMany();
    return rows.map(runOfEntity);
  }

  /**
   * Stores `timers` if nobody moved `run` (its version) nor claimed what was due (its
   * `timer_due_at`) since it was read. True for exactly one claimer of a due instant, on
   * whichever node: on PostgreSQL a concurrent claim waits for the row and then finds
   * `timer_due_at` changed.
   */
  async claim(run: FlowRun, timers: PauseTimers): Promise<boolean> {
    if (!run.timerDueAt) return false;
    const result = await this.writer.write((manager) =>
      manager
        .createQueryBuilder()
        .update(FlowRunEntity)
        .set(columns<FlowRunEntity>({ ...timers }))
        .where('id = :id AND version = :version AND timer_due_at = :due', {
          id: run.id,
          version: run.version,
          due: run.timerDueAt,
        })
        .execute(),
    );
    return (result.affected ?? 0) === 1;
  }
}
