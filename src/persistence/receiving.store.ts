import { Inject, Injectable } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { FlowRunState } from '../domain/flow-run-state.js';
import type { FlowRun } from '../domain/flow-run.js';
import type { ReceiveRequest } from '../domain/receive-request.js';
import { NOTIFY_CHANNEL } from '../events/postgres-event.bus.js';
import { NESTFLOW_DATA_SOURCE } from './data-source.token.js';
import { FlowRunEntity } from './entities/index.js';
import { columns } from './entities/stored-json.js';
import { toJson } from './sql/run-columns.js';
import { StoreWriter } from './store-writer.js';

/**
 * What a RUNNING run waits for in receiveInput, on its row. Not a state change: the write is
 * guarded by the run's version but does not bump it, so the holder's later moves (and anyone's
 * cancel) still hold; every move clears it.
 */
@Injectable()
export class ReceivingStore {
  private readonly postgres: boolean;

  constructor(
    @Inject(NESTFLOW_DATA_SOURCE) private readonly dataSource: DataSource,
    private readonly writer: StoreWriter,
  ) {
    this.postgres = dataSource.options.type === 'postgres';
  }

  /**
   * Records `receiving` (null: clears it) if the run is still RUNNING at `run.version`. On
   * PostgreSQL the same statement sends `notify` to the other nodes, so they hear of it in
   * order with the run's moves. True if written.
   */
  async mark(run: FlowRun, receiving: ReceiveRequest | null, notify: string[] | null): Promise<boolean> {
    const expiresAt = receiving ? new Date(receiving.expiresAt) : null;
    if (this.postgres) {
      const [row] = (await this.dataSource.query(
        `WITH u AS (UPDATE flow_runs SET receiving = $1, receiving_expires_at = $2
            WHERE id = $3 AND state = $4 AND version = $5 RETURNING id),
          n AS (SELECT pg_notify($6, p) FROM u, unnest($7::text[]) AS t(p))
        SELECT COUNT(*)::int AS marked, (SELECT COUNT(*) FROM n) AS told FROM u`,
        [toJson(receiving), expiresAt, run.id, FlowRunState.RUNNING, run.version, NOTIFY_CHANNEL, notify ?? []],
      )) as Array<{ marked: number }>;
      return row.marked === 1;
    }
    const result = await this.writer.write((manager) =>
      manager
        .createQueryBuilder()
        .update(FlowRunEntity)
        .set(columns<FlowRunEntity>({ receiving, receivingExpiresAt: expiresAt }))
        .where('id = :id AND state = :state AND version = :version', {
          id: run.id,
          state: FlowRunState.RUNNING,
          version: run.version,
        })
        .execute(),
    );
    return (result.affected ?? 0) === 1;
  }
}
