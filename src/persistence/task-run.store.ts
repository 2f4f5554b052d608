import { Inject, Injectable } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import type { SerializedError } from '../runs/serialized-error.js';
import { NESTFLOW_DATA_SOURCE } from './data-source.token.js';
import { TaskRunEntity } from './entities/index.js';
import { columns } from './entities/stored-json.js';
import { StoreWriter } from './store-writer.js';

/** `@Task` calls by (run, key): started, completed with a JSON result, or failed. */
@Injectable()
export class TaskRunStore {
  constructor(
    @Inject(NESTFLOW_DATA_SOURCE) private readonly dataSource: DataSource,
    private readonly writer: StoreWriter,
  ) {}

  tasksOf(runId: string): Promise<TaskRunEntity[]> {
    return this.dataSource.manager.find(TaskRunEntity, { where: { runId }, order: { id: 'ASC' } });
  }

  /** Records a start; a row left by an earlier attempt is reused with its attempt count bumped. */
  recordTaskStart(runId: string, taskKey: string, taskName: string, step: number | null): Promise<void> {
    const now = new Date();
    return this.writer.transaction(async (manager) => {
      const existing = await manager.findOneBy(TaskRunEntity, { runId, taskKey });
      if (existing) {
        await manager.update(TaskRunEntity, { id: existing.id }, columns<TaskRunEntity>({ state: 'RUNNING', step, attempts: existing.attempts + 1, updatedAt: now }));
        return;
      }
      await manager.insert(
        TaskRunEntity,
        columns<TaskRunEntity>({ runId, taskKey, taskName, step, state: 'RUNNING', result: null, error: null, attempts: 1, createdAt: now, updatedAt: now }),
      );
    });
  }

  async recordTaskResult(runId: string, taskKey: string, result: unknown): Promise<void> {
    await this.writer.write((manager) =>
      manager.update(TaskRunEntity, { runId, taskKey }, columns<TaskRunEntity>({ state: 'COMPLETED', result: result ?? null, error: null, updatedAt: new Date() })),
    );
  }

  async recordTaskFailure(runId: string, taskKey: string, error: SerializedError): Promise<void> {
    await this.writer.write((manager) =>
      manager.update(TaskRunEntity, { runId, taskKey }, columns<TaskRunEntity>({ state: 'FAILED', error, updatedAt: new Date() })),
    );
  }
}
