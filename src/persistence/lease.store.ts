import { Inject, Injectable } from '@nestjs/common';
import { Brackets, type DataSource } from 'typeorm';
import { FlowRunState } from '../runs/flow-run-state.js';
import type { FlowRun } from '../runs/flow-run.js';
import { NESTFLOW_DATA_SOURCE } from './data-source.token.js';
import { FlowRunEntity } from './entities/index.js';
import { StoreWriter } from './store-writer.js';

const LEASED_STATES = [FlowRunState.RUNNING, FlowRunState.PAUSED];

/** Worker leases on runs held in memory, and the queries of the recovery and timeout sweeps. */
@Injectable()
export class LeaseStore {
  constructor(
    @Inject(NESTFLOW_DATA_SOURCE) private readonly dataSource: DataSource,
    private readonly writer: StoreWriter,
  ) {}

  /** Extends every lease of `owner` in one statement, however many runs it holds. */
  async renewLeases(owner: string, until: Date): Promise<number> {
    const result = await this.writer.write((manager) =>
      manager
        .createQueryBuilder()
        .update(FlowRunEntity)
        .set({ leaseExpiresAt: until })
        .where('lease_owner = :owner AND state IN (:...states)', { owner, states: LEASED_STATES })
        .execute(),
    );
    return result.affected ?? 0;
  }

  /**
   * RUNNING/PAUSED runs whose holder is gone: lease expired, or (with `foreignToo`) held by any
   * other worker — used at start-up on SQLite, whose file belongs to one process.
   */
  findOrphans(owner: string, now: Date, limit: number, foreignToo: boolean): Promise<FlowRun[]> {
    const query = this.dataSource.manager
      .createQueryBuilder(FlowRunEntity, 'run')
      .where('run.state IN (:...states)', { states: LEASED_STATES })
      .andWhere(
        new Brackets((orphan) => {
          orphan.where('run.leaseExpiresAt IS NULL').orWhere('run.leaseExpiresAt < :now', { now });
          if (foreignToo) orphan.orWhere('run.leaseOwner IS NULL').orWhere('run.leaseOwner <> :owner', { owner });
        }),
      );
    return query.orderBy('run.createdAt', 'ASC').take(limit).getMany();
  }

  /** Ids of the runs `owner` holds that the store says are RUNNING. */
  async heldRunning(owner: string): Promise<string[]> {
    const rows = await this.dataSource.manager
      .createQueryBuilder(FlowRunEntity, 'run')
      .select('run.id', 'id')
      .where('run.state = :state AND run.leaseOwner = :owner', { state: FlowRunState.RUNNING, owner })
      .getRawMany<{ id: string }>();
    return rows.map((row) => row.id);
  }

  /**
   * Runs whose pause expired and that no live worker holds: SUSPENDED ones, and PAUSED ones
   * whose lease lapsed. A held pause times out through its holder's timer, so the flow can
   * catch PauseTimeoutError.
   */
  findExpiredPauses(now: Date, limit: number): Promise<FlowRun[]> {
    return this.dataSource.manager
      .createQueryBuilder(FlowRunEntity, 'run')
      .where('run.pauseExpiresAt < :now', { now })
      .andWhere(
        new Brackets((unheld) =>
          unheld
            .where('run.state = :suspended', { suspended: FlowRunState.SUSPENDED })
            .orWhere('(run.state = :paused AND (run.leaseExpiresAt IS NULL OR run.leaseExpiresAt < :now))', {
              paused: FlowRunState.PAUSED,
            }),
        ),
      )
      .orderBy('run.pauseExpiresAt', 'ASC')
      .take(limit)
      .getMany();
  }
}
