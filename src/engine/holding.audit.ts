import { Injectable } from '@nestjs/common';
import { NodeStore } from '../persistence/node.store.js';
import { ActiveRuns } from './active-runs.js';
import { RemoteWakeups } from './remote-wakeups.js';
import { RunHandover } from './run.handover.js';

/**
 * No run is kept by a live node that does not have it: compares the runs the store says this
 * node holds (one indexed query) with what it holds in memory. A stray (held in the store,
 * nothing here: a dropped execution, a failed hand-back) is released at the second audit that
 * sees it, so it replays; a waiting run the store shows changed behind this node's back (resumed
 * elsewhere after a lost wake-up, taken over, or a write the store lost) is reconciled from it.
 */
@Injectable()
export class HoldingAudit {
  /** Strays seen by the last audit, with their version: released only when seen twice, unchanged. */
  private suspects = new Map<string, number>();

  constructor(
    private readonly nodes: NodeStore,
    private readonly active: ActiveRuns,
    private readonly handover: RunHandover,
    private readonly wakeups: RemoteWakeups,
  ) {}

  /** Returns how many runs it released or reconciled. */
  async audit(nodeId: string): Promise<number> {
    const stored = new Map((await this.nodes.heldBy(nodeId)).map((run) => [run.id, run]));
    let fixed = 0;
    // Seen twice: a run committed as claimed here a moment before this process tracks it (eager
    // start) is not mistaken for a stray.
    const suspects = new Map<string, number>();
    for (const run of stored.values()) {
      if (this.active.holds(run.id)) continue;
      if (this.suspects.get(run.id) !== run.version) suspects.set(run.id, run.version);
      else if (await this.handover.releaseStray(run.id, run.version, nodeId)) fixed++;
    }
    this.suspects = suspects;
    // Only waiting runs: a busy run's own next write checks its version against the store.
    for (const context of this.active.all()) {
      if (!context.isWaiting()) continue;
      const run = stored.get(context.run.id);
      if (run && run.version === context.run.version && run.state === context.run.state) continue;
      if (await this.wakeups.reconcile(context)) fixed++;
    }
    return fixed;
  }
}
