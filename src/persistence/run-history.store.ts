import { Inject, Injectable } from '@nestjs/common';
import { type DataSource, type EntityTarget, type FindManyOptions, In } from 'typeorm';
import type { FlowRunLog, FlowRunStateRecord } from '../domain/flow-run.js';
import { NESTFLOW_DATA_SOURCE } from './data-source.token.js';
import { FlowRunInputEntity, FlowRunLogEntity, FlowRunStateEntity, type InputKind } from './entities/index.js';
import { HOT_STATEMENTS, type HotStatements, type NewLogLine } from './sql/hot-statements.js';
import { StoreWriter } from './store-writer.js';
import { columns } from './entities/stored-json.js';

export type { NewLogLine } from './sql/hot-statements.js';

/** Input rows that answer (or time out) a wait; `patch` rows are markers of the code path taken. */
const ANSWER_KINDS: InputKind[] = ['pause', 'receive'];

/** What happened inside runs: state history, logs and accepted inputs. Reads batch by run ids. */
@Injectable()
export class RunHistoryStore {
  constructor(
    @Inject(NESTFLOW_DATA_SOURCE) private readonly dataSource: DataSource,
    @Inject(HOT_STATEMENTS) private readonly sql: HotStatements,
    private readonly writer: StoreWriter,
  ) {}

  /**
   * Records that the run took patch `id`'s code path at `step` (`patched(id)`), on code of flow
   * version `codeVersion` (kept in the row's value: which versions have the patch).
   */
  async recordPatch(runId: string, id: string, step: number, codeVersion: string): Promise<void> {
    const value = { codeVersion };
    const row = { runId, kind: 'patch' as const, key: id, inputType: null, value, step, outcome: 'input' as const };
    await this.writer.write((manager) =>
      manager.insert(FlowRunInputEntity, columns<FlowRunInputEntity>({ ...row, createdAt: new Date() })),
    );
  }

  /** Records that a receiveInput step timed out (it moves no state), as a `receive` row: a replay times out there too. */
  async recordReceiveTimeout(runId: string, key: string, step: number): Promise<void> {
    const row = { runId, kind: 'receive' as const, key, inputType: null, value: null, step, outcome: 'timeout' as const };
    await this.writer.write((manager) =>
      manager.insert(FlowRunInputEntity, columns<FlowRunInputEntity>({ ...row, createdAt: new Date() })),
    );
  }

  async appendLogs(lines: NewLogLine[]): Promise<FlowRunLog[]> {
    return lines.length ? this.sql.appendLogs(lines) : [];
  }

  /** Log lines of the runs, oldest first; with `last`, only each run's `last` newest. */
  logsOf(runIds: readonly string[], last?: number): Promise<FlowRunLog[]> {
    return this.rowsOf(FlowRunLogEntity, runIds, last);
  }

  /** State history of the runs, oldest first; with `last`, only each run's `last` newest. */
  statesOf(runIds: readonly string[], last?: number): Promise<FlowRunStateRecord[]> {
    return this.rowsOf(FlowRunStateEntity, runIds, last);
  }

  /**
   * Answers and timeouts of the runs' pauses, and their receives' timeouts (not patch markers),
   * oldest first; with `last`, only each run's `last` newest.
   */
  answersOf(runIds: readonly string[], last?: number): Promise<FlowRunInputEntity[]> {
    return this.rowsOf(FlowRunInputEntity, runIds, last, ANSWER_KINDS);
  }

  /** `kinds`: only rows of these kinds (inputs). */
  private async rowsOf<T extends { id: number; runId: string }>(
    entity: EntityTarget<T>,
    runIds: readonly string[],
    last: number | undefined,
    kinds?: InputKind[],
  ): Promise<T[]> {
    const ofKind = kinds ? { kind: In(kinds) } : {};
    if (last === undefined) {
      return this.dataSource.manager.find(entity, {
        where: { runId: In([...runIds]), ...ofKind },
        order: { id: 'ASC' },
      } as FindManyOptions<T>);
    }
    if (last === 0) return [];
    if (runIds.length === 1) {
      // One run (a subscription event): the index on (run_id, id) read backwards, no window function.
      const newest = { where: { runId: runIds[0], ...ofKind }, order: { id: 'DESC' }, take: last } as FindManyOptions<T>;
      return (await this.dataSource.manager.find(entity, newest)).reverse();
    }
    const repository = this.dataSource.getRepository(entity);
    const ranked = repository
      .createQueryBuilder('ranked')
      .select('ranked.id', 'id')
      .addSelect('ROW_NUMBER() OVER (PARTITION BY ranked.runId ORDER BY ranked.id DESC)', 'position')
      .where(`ranked.runId IN (:...runIds)${kinds ? ' AND ranked.kind IN (:...kinds)' : ''}`);
    return repository
      .createQueryBuilder('row')
      .where(`row.id IN (SELECT newest.id FROM (${ranked.getQuery()}) newest WHERE newest.position <= :last)`)
      .setParameters({ runIds: [...runIds], last, ...(kinds ? { kinds } : {}) })
      .orderBy('row.id', 'ASC')
      .getMany();
  }

  /**
   * The latest recorded outcome of one pause, if any: by kind too, as a receive's timeout may
   * have the same key; of the highest attempt, as a pause that asked again on a retry has several.
   */
  pauseInputOf(runId: string, key: string): Promise<FlowRunInputEntity | null> {
    return this.dataSource.manager.findOne(FlowRunInputEntity, {
      where: { runId, kind: 'pause', key },
      order: { attempt: 'DESC' },
    });
  }

  inputsOf(runId: string): Promise<FlowRunInputEntity[]> {
    return this.dataSource.manager.find(FlowRunInputEntity, { where: { runId }, order: { id: 'ASC' } });
  }
}
