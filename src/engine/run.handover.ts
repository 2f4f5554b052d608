import { Injectable, Logger } from '@nestjs/common';
import { setTimeout as sleep } from 'node:timers/promises';
import { NodeStore } from '../persistence/node.store.js';
import { RunStore } from '../persistence/run.store.js';
import { FlowRunState } from '../runs/flow-run-state.js';
import type { FlowRun } from '../runs/flow-run.js';
import { ActiveRuns } from './active-runs.js';
import { ExecutionEndedSignal } from './execution-ended.signal.js';
import type { RunContext } from './run-context.js';
import { RunTransitions } from './run-transitions.js';

const HANDOVER_BATCH = 500;

/** How long a write the engine cannot do is retried while the store is down, before giving up. */
export const STORE_RETRY_WINDOW_MS = 30_000;

/**
 * Gives runs this process holds back to the store, so whoever claims them next replays them: a
 * paused run becomes SUSPENDED (still waiting, replayed on resume), a run still working becomes
 * SCHEDULED (replayed; its in-flight task runs again: at-least-once). Used at shutdown, when a
 * durable write failed, and for strays the store says this node holds but it does not.
 */
@Injectable()
export class RunHandover {
  private readonly logger = new Logger('nestflow:handover');

  constructor(
    private readonly active: ActiveRuns,
    private readonly transitions: RunTransitions,
    private readonly store: RunStore,
    private readonly nodes: NodeStore,
  ) {}

  /**
   * Gives back everything `nodeId` holds: its executions here stop first (they write nothing
   * after that), then the store takes the runs back in batches, one statement per 500 runs, not
   * one per run (100,000 paused runs shut down in seconds). A run whose own last write lands
   * first keeps it; the batch skips runs no longer RUNNING/PAUSED under this node.
   */
  async releaseAll(nodeId: string, reason = 'Process shut down'): Promise<void> {
    for (const context of this.active.all()) context.stop(new ExecutionEndedSignal('handed-over', context.run.id));
    const messages = { suspended: `${reason}: suspended, replays on resume`, scheduled: `${reason}: replays` };
    for (;;) {
      const runs = await this.nodes.recoverHeldBy(nodeId, HANDOVER_BATCH, messages).catch((error: Error) => {
        this.logger.error(`Could not hand runs back; other nodes take them once this node's heartbeat expires: ${error.message}`);
        return [];
      });
      runs.forEach((run) => this.transitions.announce(run));
      if (runs.length < HANDOVER_BATCH) return;
    }
  }

  /**
   * Hands back a run whose execution here ended on a failed write: retried with back-off while
   * the store is down. If it still cannot be written, the run stays held in the store and this
   * node's audit releases it once the store is back (it is no longer in memory here).
   */
  async handBack(context: RunContext, reason: string): Promise<FlowRun | null> {
    return retryWhileFailing(
      () => this.release(context.run, reason),
      (error) => this.logger.error(`Could not hand back run ${context.run.id}; the audit will: ${error.message}`),
    );
  }

  /** A run the store says this node holds, with nothing in memory here: released if unchanged. */
  async releaseStray(runId: string, version: number, nodeId: string): Promise<FlowRun | null> {
    const run = await this.store.findRun(runId);
    if (!run || run.version !== version || run.leaseOwner !== nodeId) return null;
    const moved = await this.release(run, `Not held in memory by node ${nodeId}`);
    if (moved) this.logger.warn(`Released stray run ${runId} (${run.state} -> ${moved.state})`);
    return moved;
  }

  /** A held run whose node is not registered at all (an older nestflow, or its row is gone). */
  async releaseOrphan(run: FlowRun): Promise<FlowRun | null> {
    const moved = await this.release(run, `Held by ${run.leaseOwner ? `node ${run.leaseOwner}` : 'no node'}, which is gone`);
    if (moved) this.logger.log(`Recovered run ${run.id} (${run.state} -> ${moved.state})`);
    return moved;
  }

  /** Guarded: null when the run changed meanwhile (or is in no state to hand back). */
  private release(run: FlowRun, reason: string): Promise<FlowRun | null> {
    if (run.state === FlowRunState.PAUSED && run.inputRequest) {
      return this.transitions.move(run, FlowRunState.SUSPENDED, `${reason}: suspended, replays on resume`, {
        leaseOwner: null,
        inputRequest: { ...run.inputRequest, suspended: true },
      });
    }
    if (run.state === FlowRunState.RUNNING) {
      return this.transitions.move(run, FlowRunState.SCHEDULED, `${reason}: replays`, { leaseOwner: null });
    }
    return Promise.resolve(null);
  }
}

/**
 * Retries `write` with back-off (100 ms doubling to 2 s) for up to STORE_RETRY_WINDOW_MS; then
 * reports the last error and resolves null.
 */
export async function retryWhileFailing<T>(write: () => Promise<T>, giveUp: (error: Error) => void): Promise<T | null> {
  const deadline = Date.now() + STORE_RETRY_WINDOW_MS;
  for (let delay = 100; ; delay = Math.min(delay * 2, 2000)) {
    try {
      return await write();
    } catch (error) {
      if (Date.now() + delay > deadline) {
        giveUp(error as Error);
        return null;
      }
      await sleep(delay, undefined, { ref: false });
    }
  }
}
