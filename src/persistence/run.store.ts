import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { FlowRunState } from '../domain/flow-run-state.js';
import type { FlowRun, FlowRunFilter, FlowRunPage } from '../domain/flow-run.js';
import { NO_TIMERS } from '../domain/pause-timers.js';
import { assertTransition } from '../domain/state-machine.js';
import { DEFAULT_FLOW_VERSION } from '../flows/flow-definition.js';
import { NESTFLOW_DATA_SOURCE } from './data-source.token.js';
import { FlowRunEntity } from './entities/index.js';
import { decodeCursor, encodeCursor } from './run-cursor.js';
import { withoutExpiredPauses } from './expired-pauses.js';
import { withTimersEnded } from './pause-timers-ended.js';
import { runOfEntity } from './sql/run-columns.js';
import {
  HOT_STATEMENTS,
  type HotStatements,
  type InputToStore,
  type Move,
  type RequestToStore,
  type RunPatch,
  type RunWithPauseOutcome,
  type StepDiscard,
} from './sql/hot-statements.js';

export type { InputToStore, PauseOutcome, RunPatch, RunWithPauseOutcome, StepDiscard } from './sql/hot-statements.js';

/**
 * Given the run as a move will write it, what tells the other nodes (see `EventBus.peerPayloads`):
 * sent by the move's own statement, only if it happens.
 */
export type NotifyPeers = (moved: FlowRun) => string[] | null;

/** Flow runs and their state changes. Every state change is a guarded update plus a history row. */
@Injectable()
export class RunStore {
  constructor(
    @Inject(NESTFLOW_DATA_SOURCE) private readonly dataSource: DataSource,
    @Inject(HOT_STATEMENTS) private readonly sql: HotStatements,
  ) {}

  /**
   * Schedules a run. With `claimFor` (a worker of this process with a free slot), the run is
   * claimed in the same write ("eager start"): one round trip instead of two before it runs.
   * Returns the run as scheduled, and as claimed when it was.
   */
  async createRun(
    flowName: string,
    parameters: unknown,
    claimFor?: { nodeId: string },
    flowVersion = DEFAULT_FLOW_VERSION,
    traceContext: string | null = null,
  ): Promise<{ scheduled: FlowRun; claimed: FlowRun | null }> {
    const now = new Date();
    const run: FlowRun = {
      id: randomUUID(),
      flowName,
      flowVersion,
      state: FlowRunState.SCHEDULED,
      stateMessage: null,
      version: 0,
      parameters: parameters ?? null,
      result: null,
      error: null,
      inputRequest: null,
      pauseExpiresAt: null,
      receiving: null,
      leaseOwner: null,
      scheduledAt: null,
      attempt: 1,
      traceContext,
      retriedAt: null,
      ...NO_TIMERS,
      createdAt: now,
      updatedAt: now,
    };
    const claimed: FlowRun | null = claimFor
      ? {
          ...run,
          state: FlowRunState.RUNNING,
          version: 1,
          leaseOwner: claimFor.nodeId,
        }
      : null;
    await this.sql.insertRun(run, claimed ?? undefined);
    return { scheduled: run, claimed };
  }

  findRun(id: string): Promise<FlowRun | null> {
    return this.sql.findRun(id);
  }

  /** A run with the recorded outcome of its pause keyed `key` (null if none yet), in one read. */
  findRunWithPauseOutcome(id: string, key: string): Promise<RunWithPauseOutcome | null> {
    return this.sql.findRunWithPauseOutcome(id, key);
  }

  /**
   * Moves `run` to `to` if nobody changed it since it was read (same state and version).
   * Returns the run as written, or null when another writer won. Every move waits for a
   * durable commit: it is announced to subscribers as soon as it returns (to other nodes by
   * `notify`, in the same statement).
   */
  async transition(
    run: FlowRun,
    to: FlowRunState,
    message: string | null = null,
    patch: RunPatch = {},
    notify?: NotifyPeers,
  ): Promise<FlowRun | null> {
    return this.guarded(run, to, message, patch, notify, (move) => this.sql.move(move));
  }

  /**
   * An operator's retry: moves a FAILED run back to SCHEDULED and discards recorded steps (see
   * StepDiscard), both or neither, guarded like a transition. Null when another writer won.
   */
  retry(run: FlowRun, message: string, patch: RunPatch, discard: StepDiscard, notify?: NotifyPeers): Promise<FlowRun | null> {
    return this.transitionDiscarding(run, FlowRunState.SCHEDULED, message, patch, discard, notify);
  }

  /**
   * A transition that discards recorded steps (see StepDiscard) in the same write: an operator's
   * retry, or a pause that asks again on a retry. Null when another writer won.
   */
  transitionDiscarding(
    run: FlowRun,
    to: FlowRunState,
    message: string,
    patch: RunPatch,
    discard: StepDiscard,
    notify?: NotifyPeers,
  ): Promise<FlowRun | null> {
    return this.guarded(run, to, message, patch, notify, (move) => this.sql.moveDiscarding(move, discard));
  }

  private async guarded(
    run: FlowRun,
    to: FlowRunState,
    message: string | null,
    patch: RunPatch,
    notify: NotifyPeers | undefined,
    write: (move: Move) => Promise<boolean>,
  ): Promise<FlowRun | null> {
    assertTransition(run.state, to, run.id);
    const at = new Date();
    const full = withTimersEnded(run.state, to, patch);
    const next = applied(run, to, message, full, at);
    const move = { runId: run.id, from: run.state, version: run.version, to, message, patch: full, at, notify: notify?.(next) };
    return (await write(move)) ? next : null;
  }

  /**
   * Moves a waiting run (SCHEDULED or SUSPENDED, so held by no node) to another version of its
   * flow, in the same state: a guarded write with its history row, like a transition.
   */
  changeVersion(run: FlowRun, flowVersion: string, message: string, notify?: NotifyPeers): Promise<FlowRun | null> {
    return this.updateWaiting(run, message, { flowVersion }, notify);
  }

  /**
   * Rewrites what a waiting run waits for (an approvals pause's progress), in the same state: a
   * guarded write with its history row that bumps the version, so subscribers hear of it and
   * concurrent writers serialise. With `request`, the client's requestId is stored with it.
   */
  async updateWaiting(
    run: FlowRun,
    message: string,
    patch: RunPatch,
    notify?: NotifyPeers,
    request?: RequestToStore,
  ): Promise<FlowRun | null> {
    const at = new Date();
    const next = applied(run, run.state, message, patch, at);
    const move = {
      runId: run.id,
      from: run.state,
      version: run.version,
      to: run.state,
      message,
      patch,
      at,
      notify: notify?.(next),
      request,
    };
    return (await this.sql.move(move)) ? next : null;
  }

  /**
   * Stores the outcome of a pause and moves the run on, atomically: a lost race (another
   * resume got there first) writes nothing, the unique (run, key) input row being the last guard.
   */
  async storeInputAndResume(
    run: FlowRun,
    to: FlowRunState,
    input: InputToStore,
    message: string,
    patch: RunPatch = {},
    notify?: NotifyPeers,
  ): Promise<FlowRun | null> {
    assertTransition(run.state, to, run.id);
    const at = new Date();
    const full = withTimersEnded(run.state, to, { inputRequest: null, pauseExpiresAt: null, ...patch });
    const next = applied(run, to, message, full, at);
    const move = { runId: run.id, from: run.state, version: run.version, to, message, patch: full, at, notify: notify?.(next) };
    const moved = await this.sql.move(move, input);
    return moved ? next : null;
  }

  /** PAUSED and SUSPENDED runs by flow and state, pauses past their deadline left out: one grouped read (the metrics' waiting gauge). */
  async waitingByFlow(): Promise<Array<{ flowName: string; state: FlowRunState; runs: number }>> {
    const rows = await withoutExpiredPauses(this.dataSource.manager.createQueryBuilder(FlowRunEntity, 'run'), new Date())
      .select(['run.flowName AS "flowName"', 'run.state AS "state"', 'COUNT(*) AS "runs"'])
      .andWhere('run.state IN (:...states)', { states: [FlowRunState.PAUSED, FlowRunState.SUSPENDED] })
      .groupBy('run.flowName')
      .addGroupBy('run.state')
      .getRawMany<{ flowName: string; state: FlowRunState; runs: string | number }>();
    return rows.map((row) => ({ ...row, runs: Number(row.runs) }));
  }

  /** A page of runs, newest first; a pause past its deadline is not listed (see `withoutExpiredPauses`). */
  async listRuns(filter: FlowRunFilter, first: number, after?: string): Promise<FlowRunPage> {
    const query = withoutExpiredPauses(this.dataSource.manager.createQueryBuilder(FlowRunEntity, 'run'), new Date());
    if (filter.states?.length) query.andWhere('run.state IN (:...states)', { states: filter.states });
    if (filter.flowName) query.andWhere('run.flowName = :flowName', { flowName: filter.flowName });
    if (filter.flowVersion) query.andWhere('run.flowVersion = :flowVersion', { flowVersion: filter.flowVersion });
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
    const runs = rows.slice(0, first).map(runOfEntity);
    return { runs, cursors: runs.map(encodeCursor), hasNextPage: rows.length > first, totalCount };
  }
}

/** The run as a guarded move wrote it (the guard proves nothing else changed it); every move clears `receiving` (CLEAR_RECEIVING). */
function applied(run: FlowRun, to: FlowRunState, message: string | null, patch: RunPatch, at: Date): FlowRun {
  const moved = { state: to, stateMessage: message, version: run.version + 1, updatedAt: at, receiving: null };
  return { ...run, ...(patch as Partial<FlowRun>), ...moved };
}
