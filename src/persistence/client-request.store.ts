import { Inject, Injectable } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import type { FlowRunState } from '../domain/flow-run-state.js';
import type { FlowRun } from '../domain/flow-run.js';
import { assertTransition } from '../domain/state-machine.js';
import { NESTFLOW_DATA_SOURCE } from './data-source.token.js';
import { ClientRequestEntity } from './entities/index.js';
import { withTimersEnded } from './pause-timers-ended.js';
import { HOT_STATEMENTS, type HotStatements, type RequestToStore, type RunPatch } from './sql/hot-statements.js';

/**
 * Client idempotency keys (`flow_run_requests`). Rows are written only by the statement that
 * makes the change (resume: with the input; cancel: with the move; send: with the message), so
 * reading one back tells a retry that its request did take effect.
 */
@Injectable()
export class ClientRequestStore {
  constructor(
    @Inject(NESTFLOW_DATA_SOURCE) private readonly dataSource: DataSource,
    @Inject(HOT_STATEMENTS) private readonly sql: HotStatements,
  ) {}

  /** The request that took effect under `requestId`, if any. */
  find(requestId: string): Promise<ClientRequestEntity | null> {
    return this.dataSource.manager.findOneBy(ClientRequestEntity, { requestId });
  }

  /**
   * A guarded move (as RunStore.transition) that records `request` in the same statement; null
   * when the run moved first or the requestId was taken meanwhile (nothing written).
   */
  async moveFor(
    request: RequestToStore,
    run: FlowRun,
    to: FlowRunState,
    message: string | null,
    patch: RunPatch,
  ): Promise<FlowRun | null> {
    assertTransition(run.state, to, run.id);
    const at = new Date();
    const full = withTimersEnded(run.state, to, patch);
    const moved = await this.sql.move({
      runId: run.id,
      from: run.state,
      version: run.version,
      to,
      message,
      patch: full,
      at,
      request,
    });
    if (!moved) return null;
    const next = { ...run, ...(full as Partial<FlowRun>), state: to, stateMessage: message, version: run.version + 1 };
    return { ...next, updatedAt: at, receiving: null }; // every move clears it (CLEAR_RECEIVING)
  }
}
