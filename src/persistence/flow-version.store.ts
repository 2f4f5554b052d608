import { Inject, Injectable } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { FlowRunState } from '../domain/flow-run-state.js';
import type { FlowVersion } from '../domain/flow-version.js';
import { TERMINAL_STATES, WAITING_STATES } from '../domain/state-machine.js';
import { NESTFLOW_DATA_SOURCE } from './data-source.token.js';
import { FlowRunEntity, FlowRunInputEntity } from './entities/index.js';
import { StoreWriter } from './store-writer.js';

/** How many runs of one flow version are in one state. */
export interface VersionCount extends FlowVersion {
  state: FlowRunState;
  runs: number;
}

/** Runs that recorded patch `patchId` on code of one flow version. */
export interface PatchMarkerCount {
  patchId: string;
  /** The flow version of the code that took the patch (null for markers recorded before it was kept). */
  codeVersion: string | null;
  /** The earliest step it was recorded at. */
  step: number;
  /** How many of those runs are unfinished. */
  unfinished: number;
}

const UNFINISHED = Object.values(FlowRunState).filter((state) => !TERMINAL_STATES.includes(state));

/** Runs by the version of their flow's code: counts for operators, and the marks on runs no node serves. */
@Injectable()
export class FlowVersionStore {
  constructor(
    @Inject(NESTFLOW_DATA_SOURCE) private readonly dataSource: DataSource,
    private readonly writer: StoreWriter,
  ) {}

  /** Unfinished runs by flow, version and state (of one flow, or of all). */
  unfinishedByVersion(flowName?: string): Promise<VersionCount[]> {
    return this.countByVersion(UNFINISHED, flowName);
  }

  /** SCHEDULED runs by flow and version: the claimable ones, which the unserved check looks at. */
  scheduledByVersion(): Promise<VersionCount[]> {
    return this.countByVersion([FlowRunState.SCHEDULED]);
  }

  private async countByVersion(states: FlowRunState[], flowName?: string): Promise<VersionCount[]> {
    const query = this.dataSource.manager
      .createQueryBuilder(FlowRunEntity, 'run')
      .select(['run.flowName AS "flowName"', 'run.flowVersion AS "version"', 'run.state AS "state"', 'COUNT(*) AS "runs"'])
      .where('run.state IN (:...states)', { states })
      .groupBy('run.flowName')
      .addGroupBy('run.flowVersion')
      .addGroupBy('run.state')
      .orderBy('run.flowName')
      .addOrderBy('run.flowVersion');
    if (flowName) query.andWhere('run.flowName = :flowName', { flowName });
    const rows = await query.getRawMany<Omit<VersionCount, 'runs'> & { runs: string | number }>();
    return rows.map((row) => ({ ...row, runs: Number(row.runs) }));
  }

  /**
   * Sets (`set`) or clears the state message `message` on the SCHEDULED runs of one flow
   * version: only rows whose message changes are written.
   */
  async markScheduled(version: FlowVersion, message: string, set: boolean): Promise<number> {
    const result = await this.writer.write((manager) => {
      const query = manager
        .createQueryBuilder()
        .update(FlowRunEntity)
        .set({ stateMessage: set ? message : null, version: () => 'version + 1' })
        .where('state = :state AND flow_name = :flowName AND flow_version = :flowVersion', {
          state: FlowRunState.SCHEDULED,
          flowName: version.flowName,
          flowVersion: version.version,
        });
      if (set) query.andWhere('(state_message IS NULL OR state_message <> :message)', { message });
      else query.andWhere('state_message = :message', { message });
      return query.execute();
    });
    return result.affected ?? 0;
  }

  /** Patch markers of a flow's runs, grouped (a few rows per patch, however many runs recorded them). */
  async patchMarkers(flowName: string): Promise<PatchMarkerCount[]> {
    const rows = await this.dataSource.manager
      .createQueryBuilder(FlowRunInputEntity, 'input')
      .innerJoin(FlowRunEntity, 'run', 'run.id = input.runId')
      .select(['input.key AS "patchId"', 'input.value AS "value"', 'MIN(input.step) AS "step"'])
      .addSelect(`SUM(CASE WHEN run.state IN (:...unfinished) THEN 1 ELSE 0 END)`, 'unfinished')
      .where(`input.kind = 'patch' AND run.flowName = :flowName`, { flowName, unfinished: UNFINISHED })
      .groupBy('input.key')
      .addGroupBy('input.value')
      .getRawMany<{ patchId: string; value: unknown; step: string | number; unfinished: string | number }>();
    return rows.map((row) => ({
      patchId: row.patchId,
      codeVersion: codeVersionOf(row.value),
      step: Number(row.step),
      unfinished: Number(row.unfinished),
    }));
  }

  /**
   * Unfinished runs of `flowName` that did not take patch `patchId` and may still need its old
   * path: started on a version whose code lacks it (`versions`: those that have it), or already at
   * or past `step`, where runs that took it recorded it (a run waiting in a pause is at the step
   * after its last recorded one).
   */
  async oldPathRuns(flowName: string, patchId: string, versions: string[], step: number): Promise<number> {
    const reached = (threshold: string) =>
      `(EXISTS (SELECT 1 FROM task_runs t WHERE t.run_id = run.id AND t.step >= ${threshold})
        OR EXISTS (SELECT 1 FROM flow_run_inputs i WHERE i.run_id = run.id AND i.step >= ${threshold})
        OR EXISTS (SELECT 1 FROM flow_run_mailbox m WHERE m.run_id = run.id AND m.received_step >= ${threshold}))`;
    return this.dataSource.manager
      .createQueryBuilder(FlowRunEntity, 'run')
      .where('run.flowName = :flowName AND run.state IN (:...unfinished)', { flowName, unfinished: UNFINISHED })
      .andWhere(
        `NOT EXISTS (SELECT 1 FROM flow_run_inputs p WHERE p.run_id = run.id AND p.kind = 'patch' AND p.key = :patchId)`,
        { patchId },
      )
      .andWhere(
        // No version known to have it (markers from before versions were kept): every run counts.
        `(${versions.length ? 'run.flow_version NOT IN (:...versions)' : '1 = 1'} OR ${reached(':step')}
          OR (run.state IN (:...waiting) AND (:step <= 1 OR ${reached(':before')})))`,
        { versions, step, before: step - 1, waiting: [...WAITING_STATES] },
      )
      .getCount();
  }
}

function codeVersionOf(value: unknown): string | null {
  const parsed = typeof value === 'string' ? (JSON.parse(value) as unknown) : value;
  const codeVersion = (parsed as { codeVersion?: unknown } | null)?.codeVersion;
  return typeof codeVersion === 'string' ? codeVersion : null;
}
