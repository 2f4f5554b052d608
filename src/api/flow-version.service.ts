import { Injectable } from '@nestjs/common';
import { RunTransitions } from '../engine/run-transitions.js';
import { FlowRegistry } from '../flows/flow.registry.js';
import { FlowVersionStore } from '../persistence/flow-version.store.js';
import { NodeStore } from '../persistence/node.store.js';
import { StoreFailures } from './store-failures.js';
import { FlowVersionServedError } from '../domain/errors/flow-version-served.error.js';
import { InvalidStateTransitionError } from '../domain/errors/invalid-state-transition.error.js';
import { FlowRunState } from '../domain/flow-run-state.js';
import type { FlowRun } from '../domain/flow-run.js';
import { auditMessage } from './audit-message.js';
import { FlowRunService } from './flow-run.service.js';
import { patchesOf, versionUsage, type FlowPatchUsage, type FlowVersionUsage } from './flow-version.usage.js';

export type { FlowPatchUsage, FlowVersionUsage } from './flow-version.usage.js';

/** Options of `replayOnCurrentVersion`. */
export interface ReplayOnCurrentVersionOptions {
  /** Who asked (audit: named in the run's history); cut to 200 characters. Default null. */
  by?: string | null;
  /** Why (audit: in the run's history); cut to 500 characters. Default null. */
  reason?: string | null;
}

/** States in which a run is held by no node, so it may move to another version. */
const MOVABLE: readonly FlowRunState[] = [FlowRunState.SCHEDULED, FlowRunState.SUSPENDED];

/**
 * The operator's side of flow versions: which versions have runs left and who serves them,
 * which patches old runs still need, and the explicit, audited move of a run whose version no
 * node serves any more onto the current code.
 */
@Injectable()
export class FlowVersionService {
  constructor(
    private readonly flows: FlowRegistry,
    private readonly versions: FlowVersionStore,
    private readonly nodes: NodeStore,
    private readonly runs: FlowRunService,
    private readonly transitions: RunTransitions,
    private readonly failures: StoreFailures,
  ) {}

  /**
   * Per flow version (of `flowName`, or of every flow): unfinished runs by state, and how many
   * live nodes serve it. A version with runs and no node (`nodes: 0`) needs a deploy, a replay on
   * the current version, or a cancel.
   */
  async listFlowVersions(flowName?: string): Promise<FlowVersionUsage[]> {
    const [counts, served] = await Promise.all([this.versions.unfinishedByVersion(flowName), this.nodes.servedVersions()]).catch(
      this.failures.rethrow,
    );
    const here = this.flows.served();
    const current = this.flows.list().map((flow) => ({ flowName: flow.name, version: flow.version }));
    const only = <T extends { flowName: string }>(list: T[]) => (flowName ? list.filter((v) => v.flowName === flowName) : list);
    return versionUsage(counts, only(served), only(here), only(current));
  }

  /**
   * The `patched(id)` calls of `flowName` that runs have taken, with how many unfinished runs may
   * still need the old path (replace `patched` with `deprecatePatch` once none is left) and how
   * many took the patch (remove the `deprecatePatch` call once none is left). Conservative: a run
   * of a version whose code lacks the patch counts until it finishes. A patch no run has taken
   * yet is not listed.
   */
  async listFlowPatches(flowName: string): Promise<FlowPatchUsage[]> {
    const patches = patchesOf(await this.versions.patchMarkers(flowName).catch(this.failures.rethrow));
    const usage: FlowPatchUsage[] = [];
    for (const { patchId, versions, step, markedRuns } of patches) {
      const oldPathRuns = await this.versions.oldPathRuns(flowName, patchId, versions, step).catch(this.failures.rethrow);
      usage.push({ patchId, versions, oldPathRuns, markedRuns });
    }
    return usage;
  }

  /**
   * Moves a waiting run (SCHEDULED or SUSPENDED) whose version this node does not serve to the
   * version it runs, so it is claimed and replayed on the current code (which may fail it with
   * a DeterminismError if its history does not fit). Recorded in the run's history with who and
   * why. The run must be of a flow this node has; its version must not be one it serves.
   */
  async replayOnCurrentVersion(id: string, options: ReplayOnCurrentVersionOptions = {}): Promise<FlowRun> {
    for (;;) {
      const run = await this.runs.getFlowRun(id);
      const flow = this.flows.get(run.flowName);
      if (run.flowVersion === flow.version || flow.replays.includes(run.flowVersion)) {
        throw new FlowVersionServedError(run.id, run.flowName, run.flowVersion);
      }
      if (!MOVABLE.includes(run.state)) throw new InvalidStateTransitionError(run.state, `version "${flow.version}"`, run.id);
      const done = `Moved from version "${run.flowVersion}" to version "${flow.version}" to replay on current code`;
      const message = auditMessage(done, options.by, options.reason);
      const moved = await this.transitions.changeVersion(run, flow.version, message).catch(this.failures.rethrow);
      if (moved) return moved;
      // It changed meanwhile (resumed, cancelled, claimed): look again.
    }
  }
}
