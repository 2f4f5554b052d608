import { Inject, Injectable } from '@nestjs/common';
import { type DataSource, In, type SelectQueryBuilder } from 'typeorm';
import { FlowRunState } from '../domain/flow-run-state.js';
import type { FlowRun } from '../domain/flow-run.js';
import { NESTFLOW_DATA_SOURCE } from './data-source.token.js';
import { FlowRunEntity } from './entities/index.js';
import { runOfEntity } from './sql/run-columns.js';
import { withoutExpiredPauses } from './expired-pauses.js';

/** How many runs wait for an answer, by how they wait. */
export interface NeedsAnswerCounts {
  paused: number;
  suspended: number;
  receiving: number;
}

const { PAUSED, SUSPENDED, RUNNING } = FlowRunState;
/** When the wait ends: the pause's expiry, or the receive's for a RUNNING run. */
const EXPIRY = `(CASE WHEN run.state = '${RUNNING}' THEN run.receivingExpiresAt ELSE run.pauseExpiresAt END)`;

/** Runs waiting for someone: PAUSED, SUSPENDED, or RUNNING and blocked in receiveInput. */
@Injectable()
export class NeedsAnswerStore {
  constructor(@Inject(NESTFLOW_DATA_SOURCE) private readonly dataSource: DataSource) {}

  async count(flowName?: string): Promise<NeedsAnswerCounts> {
    const rows = await this.waiting(flowName)
      .select(['run.state AS "state"', 'COUNT(*) AS "runs"'])
      .groupBy('run.state')
      .getRawMany<{ state: FlowRunState; runs: string | number }>();
    const of = (state: FlowRunState) => Number(rows.find((row) => row.state === state)?.runs ?? 0);
    return { paused: of(PAUSED), suspended: of(SUSPENDED), receiving: of(RUNNING) };
  }

  /** The first `take` of them, the soonest to expire first (none: last), then the oldest. */
  async list(take: number, flowName?: string): Promise<FlowRun[]> {
    if (take <= 0) return [];
    const ids = await this.waiting(flowName)
      .select('run.id', 'id')
      .orderBy(`${EXPIRY} IS NULL`, 'ASC')
      .addOrderBy(EXPIRY, 'ASC')
      .addOrderBy('run.createdAt', 'ASC')
      .addOrderBy('run.id', 'ASC')
      .limit(take)
      .getRawMany<{ id: string }>();
    const rows = await this.dataSource.manager.findBy(FlowRunEntity, { id: In(ids.map((row) => row.id)) });
    const byId = new Map(rows.map((row) => [row.id, row]));
    // A run pruned between the two reads is left out.
    return ids.flatMap(({ id }) => (byId.has(id) ? [runOfEntity(byId.get(id)!)] : []));
  }

  private waiting(flowName: string | undefined): SelectQueryBuilder<FlowRunEntity> {
    const query = this.dataSource.manager
      .createQueryBuilder(FlowRunEntity, 'run')
      .where(`(run.state IN (:...waiting) OR (run.state = :running AND run.receiving IS NOT NULL))`, {
        waiting: [PAUSED, SUSPENDED],
        running: RUNNING,
      });
    if (flowName) query.andWhere('run.flowName = :flowName', { flowName });
    const now = new Date();
    // A receive past its deadline neither, in the moment before the flow's timer clears its mark
    // (or while the node that held it is not yet known to be gone).
    query.andWhere('(run.state <> :running OR run.receivingExpiresAt IS NULL OR run.receivingExpiresAt > :now)', { now });
    // A pause past its deadline waits for nobody, even before its timeout is applied.
    return withoutExpiredPauses(query, now);
  }
}
