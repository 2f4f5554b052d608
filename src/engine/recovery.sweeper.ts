import { Injectable, Logger } from '@nestjs/common';
import { LeaseStore } from '../persistence/lease.store.js';
import { PauseTimeoutError } from '../runs/errors/pause-timeout.error.js';
import { FlowRunState } from '../runs/flow-run-state.js';
import type { FlowRun } from '../runs/flow-run.js';
import { serializeError } from '../runs/serialized-error.js';
import { ActiveRuns } from './active-runs.js';
import { RunTransitions } from './run-transitions.js';

const BATCH = 500;

/**
 * Durable guarantees that no process has to stay alive for: runs whose worker died are
 * rescheduled (RUNNING: replay) or suspended (PAUSED: keep waiting, replay on resume), and
 * pauses that expired while nobody held them in memory fail with PauseTimeoutError.
 */
@Injectable()
export class RecoverySweeper {
  private readonly logger = new Logger('nestflow:recovery');

  constructor(
    private readonly leases: LeaseStore,
    private readonly transitions: RunTransitions,
    private readonly active: ActiveRuns,
  ) {}

  /** One pass of both sweeps; returns how many runs it moved. */
  async sweep(workerId: string, foreignToo = false): Promise<number> {
    const now = new Date();
    let moved = 0;
    for (const run of await this.leases.findOrphans(workerId, now, BATCH, foreignToo)) {
      if (!this.active.get(run.id)) moved += (await this.recover(run)) ? 1 : 0;
    }
    for (const run of await this.leases.findExpiredPauses(now, BATCH)) {
      // A pause held in memory here times out through its own timer, so the flow can catch it.
      if (!this.active.get(run.id)?.waiter) moved += (await this.expire(run)) ? 1 : 0;
    }
    return moved;
  }

  private async recover(run: FlowRun): Promise<boolean> {
    const holder = run.leaseOwner ? `worker ${run.leaseOwner}` : 'no worker';
    const released = { leaseOwner: null, leaseExpiresAt: null };
    const moved =
      run.state === FlowRunState.PAUSED && run.inputRequest
        ? await this.transitions.move(
            run,
            FlowRunState.SUSPENDED,
            `Held by ${holder}, which is gone: suspended, replays on resume`,
            {
              ...released,
              inputRequest: { ...run.inputRequest, suspended: true },
            },
          )
        : await this.transitions.move(run, FlowRunState.SCHEDULED, `Held by ${holder}, which is gone: replaying`, released);
    if (moved) this.logger.log(`Recovered run ${run.id} (${run.state} -> ${moved.state})`);
    return Boolean(moved);
  }

  private async expire(run: FlowRun): Promise<boolean> {
    const key = run.inputRequest?.key ?? 'pause';
    const error = new PauseTimeoutError(run.id, key, run.inputRequest?.timeout ?? 0);
    const failed = await this.transitions.move(run, FlowRunState.FAILED, `Pause "${key}" timed out: ${error.message}`, {
      error: serializeError(error),
      inputRequest: null,
      leaseOwner: null,
      leaseExpiresAt: null,
    });
    return Boolean(failed);
  }
}
