import { Injectable } from '@nestjs/common';
import type { TaskDefinition } from '../flows/flow-definition.js';
import { TaskRunStore } from '../persistence/task-run.store.js';
import { DeterminismError } from '../runs/errors/determinism.error.js';
import { serializeError } from '../runs/serialized-error.js';
import { currentRunContext } from './run-context.js';
import { toJsonValue } from './json-value.js';

/** Runs `@Task` calls made from a flow: keyed, recorded, and answered from the record on replay. */
@Injectable()
export class TaskExecutor {
  constructor(private readonly tasks: TaskRunStore) {}

  async call(task: TaskDefinition, body: () => unknown): Promise<unknown> {
    const context = currentRunContext();
    if (!context) return body();
    context.throwIfStopped();
    const runId = context.run.id;
    // Take the key before any await so concurrent calls get keys in call order.
    const key = task.key ?? `${task.name}-${context.nextIndex(`task:${task.name}`)}`;
    const recorded = context.recordedTasks.get(key);
    if (recorded && recorded.taskName !== task.name) {
      throw new DeterminismError(runId, key, `task "${recorded.taskName}"`, `task "${task.name}"`);
    }
    if (recorded?.state === 'COMPLETED') return recorded.result;

    await this.tasks.recordTaskStart(runId, key, task.name);
    try {
      const result = await body();
      await this.tasks.recordTaskResult(runId, key, toJsonValue(result, `The result of task "${task.name}"`));
      return result;
    } catch (error) {
      await this.tasks.recordTaskFailure(runId, key, serializeError(error));
      throw error;
    }
  }
}
