import { Injectable, Logger } from '@nestjs/common';
import { NodeStore } from '../persistence/node.store.js';
import { RunStore } from '../persistence/run.store.js';
import { FlowRunState } from '../domain/flow-run-state.js';
import type { FlowRun } from '../domain/flow-run.js';
import { ActiveRuns } from './active-runs.js';
import { ExecutionEndedSignal } from './execution-ended.signal.js';
import type { RunContext } from './run-context.js';
import { retryWhileFailing } from './retry-while-failing.js';
import { RunTransitions } from './run-transitions.js';

const BATCH = 500;

/** History messages of a run given back for `reason`, as it becomes SUSPENDED or SCHEDULED. */
const messagesFor = (reason: string) => ({
  suspended: `${reason}: suspended, replays on resume`,
  scheduled: `${reason}: replays`,
});

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
    await this.takeBack(nodeId, reason).catch((error: Error) =>
      this.logger.error(`Could not hand runs back; other nodes take them once this node's heartbeat expires: ${error.message}`),
    );
  }

  /**
   * Moves the RUNNING/PAUSED runs the store says `nodeId` holds back to the store, one statement
   * per batch of 500, announcing each (at most `maxBatches` batches). `done` once none is left
   * that this call could take (rows another node is taking back at the same time are skipped).
   */
  async takeBack(nodeId: string, reason: string, maxBatches = Infinity): Promise<{ moved: number; done: boolean }> {
    let moved = 0;
    for (let batch = 0; batch < maxBatches; batch++) {
      const runs = await this.nodes.recoverHeldBy(nodeId, BATCH, messagesFor(reason));
      runs.forEach((run) => this.transitions.announce(run));
      moved += runs.length;
      if (runs.length < BATCH) return { moved, done: true };
    }
    return { moved, done: false };
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
    const messages = messagesFor(reason);
    if (run.state === FlowRunState.PAUSED && run.inputRequest) {
      return this.transitions.move(run, FlowRunState.SUSPENDED, messages.suspended, {
        leaseOwner: null,
        inputRequest: { ...run.inputRequest, suspended: true },
      });
    }
    if (run.state === FlowRunState.RUNNING) {
      return this.transitions.move(run, FlowRunState.SCHEDULED, messages.scheduled, { leaseOwner: null });
    }
    return Promise.resolve(null);
  }
}
