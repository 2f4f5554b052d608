import { Inject, Injectable } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import type { SerializedError } from '../domain/serialized-error.js';
import { NESTFLOW_DATA_SOURCE } from './data-source.token.js';
import { TaskRunEntity } from './entities/index.js';
import { HOT_STATEMENTS, type HotStatements } from './sql/hot-statements.js';

/** Where a task call is: its run, key, name and position among the run's durable calls. */
export interface TaskCall {
  runId: string;
  taskKey: string;
  taskName: string;
  step: number | null;
}

/** `@Task` calls by (run, key): one upsert when an attempt ends, COMPLETED with a JSON result or FAILED. */
@Injectable()
export class TaskRunStore {
  constructor(
    @Inject(NESTFLOW_DATA_SOURCE) private readonly dataSource: DataSource,
    @Inject(HOT_STATEMENTS) private readonly sql: HotStatements,
  ) {}

  tasksOf(runId: string): Promise<TaskRunEntity[]> {
    return this.dataSource.manager.find(TaskRunEntity, { where: { runId }, order: { id: 'ASC' } });
  }

  recordTaskResult(call: TaskCall, result: unknown, attempts: number): Promise<void> {
    return this.sql.recordTask({ ...call, state: 'COMPLETED', result: result ?? null, error: null, attempts, at: new Date() });
  }

  recordTaskFailure(call: TaskCall, error: SerializedError, attempts: number): Promise<void> {
    return this.sql.recordTask({ ...call, state: 'FAILED', result: null, error, attempts, at: new Date() });
  }
}
