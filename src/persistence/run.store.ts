import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { type DataSource, type EntityManager, In } from 'typeorm';
import { FlowRunState } from '../runs/flow-run-state.js';
import type { FlowRun, FlowRunFilter, FlowRunPage } from '../runs/flow-run.js';
import { assertTransition } from '../runs/state-machine.js';
import { NESTFLOW_DATA_SOURCE } from './data-source.token.js';
import { FlowRunInputEntity, FlowRunEntity, FlowRunStateEntity, type InputOutcome } from './entities/index.js';
import { decodeCursor, encodeCursor } from './run-cursor.js';
import type { StoredJson } from './entities/stored-json.js';
import { StoreWriter } from './store-writer.js';

/** Fields a transition may set besides the state. */
export type RunPatch = Partial<
  Pick<
    FlowRunEntity,
    'result' | 'error' | 'inputRequest' | 'pauseExpiresAt' | 'leaseOwner' | 'leaseExpiresAt' | 'scheduledAt' | 'attempt'
  >
>;

/** An accepted input to store with a resume. */
export interface InputToStore {
  key: string;
  inputType: string | null;
  value: unknown;
  step: number | null;
  /** Default `input`; `timeout` records an expired pause. */
  outcome?: InputOutcome;
}

/** Flow runs and their state changes. Every state change is a guarded update plus a history row. */
@Injectable()
export class RunStore {
  constructor(
    @Inject(NESTFLOW_DATA_SOURCE) private readonly dataSource: DataSource,
    private readonly writer: StoreWriter,
  ) {}

  async createRun(flowName: string, parameters: unknown): Promise<FlowRun> {
    const now = new Date();
    const run: FlowRunEntity = Object.assign(new FlowRunEntity(), {
      id: randomUUID(),
      flowName,
      state: FlowRunState.SCHEDULED,
      stateMessage: null,
      version: 0,
      parameters: parameters ?? null,
      result: null,
      error: null,
      inputRequest: null,
      pauseExpiresAt: null,
      leaseOwner: null,
      leaseExpiresAt: null,
      scheduledAt: null,
      attempt: 1,
      createdAt: now,
      updatedAt: now,
    });
    await this.writer.transaction(async (manager) => {
      await manager.insert(FlowRunEntity, run);
      await this.recordState(manager, run.id, run.state, null, now);
    });
    return run;
  }

  findRun(id: string): Promise<FlowRun | null> {
    return this.dataSource.manager.findOneBy(FlowRunEntity, { id });
  }

  /**
   * Moves `run` to `to` if nobody changed it since it was read (same version, and a state from
   * which `to` is legal). Returns the run as written, or null when another writer won.
   */
  transition(run: FlowRun, to: FlowRunState, message: string | null = null, patch: RunPatch = {}): Promise<FlowRun | null> {
    assertTransition(run.state, to, run.id);
    return this.writer.transaction((manager) => this.guardedUpdate(manager, run, to, message, patch));
  }

  /**
   * Stores an accepted input and moves the run on, in one transaction: the guarded update first,
   * so a lost race writes nothing; then the input row, whose unique (run, key) is a second guard.
   */
  storeInputAndResume(
    run: FlowRun,
    to: FlowRunState,
    input: InputToStore,
    message: string,
    patch: RunPatch = {},
  ): Promise<FlowRun | null> {
    assertTransition(run.state, to, run.id);
    return this.writer.transaction(async (manager) => {
      const updated = await this.guardedUpdate(manager, run, to, message, { inputRequest: null, pauseExpiresAt: null, ...patch });
      if (!updated) return null;
      await manager.insert(FlowRunInputEntity, {
        runId: run.id,
        key: input.key,
        inputType: input.inputType,
        value: (input.value ?? null) as StoredJson,
        step: input.step,
        outcome: input.outcome ?? 'input',
        createdAt: updated.updatedAt,
      });
      return updated;
    });
  }

  async listRuns(filter: FlowRunFilter, first: number, after?: string): Promise<FlowRunPage> {
    const query = this.dataSource.manager.createQueryBuilder(FlowRunEntity, 'run');
    if (filter.states?.length) query.andWhere('run.state IN (:...states)', { states: filter.states });
    if (filter.flowName) query.andWhere('run.flowName = :flowName', { flowName: filter.flowName });
    const totalCount = await query.getCount();
    if (after) {
      const cursor = decodeCursor(after);
      query.andWhere('(run.createdAt < :at OR (run.createdAt = :at AND run.id < :id))', cursor);
    }
    const rows = await query
      .orderBy('run.createdAt', 'DESC')
      .addOrderBy('run.id', 'DESC')
      .take(first + 1)
      .getMany();
    const runs = rows.slice(0, first);
    return { runs, cursors: runs.map(encodeCursor), hasNextPage: rows.length > first, totalCount };
  }

  async countByState(states: FlowRunState[]): Promise<number> {
    return this.dataSource.manager.countBy(FlowRunEntity, { state: In(states) });
  }

  private async guardedUpdate(
    manager: EntityManager,
    run: FlowRun,
    to: FlowRunState,
    message: string | null,
    patch: RunPatch,
  ): Promise<FlowRun | null> {
    const now = new Date();
    const changes = { ...patch, state: to, stateMessage: message, version: run.version + 1, updatedAt: now };
    const result = await manager
      .createQueryBuilder()
      .update(FlowRunEntity)
      .set(changes)
      .where('id = :id AND state = :state AND version = :version', { id: run.id, state: run.state, version: run.version })
      .execute();
    if (!result.affected) return null;
    await this.recordState(manager, run.id, to, message, now);
    return { ...run, ...changes } as FlowRun;
  }

  private async recordState(manager: EntityManager, runId: string, state: FlowRunState, message: string | null, timestamp: Date) {
    await manager.insert(FlowRunStateEntity, { runId, state, message, timestamp });
  }
}
