import { Injectable } from '@nestjs/common';
import { setTimeout as sleep } from 'node:timers/promises';
import type { TaskDefinition } from '../flows/flow-definition.js';
import { TaskRunStore } from '../persistence/task-run.store.js';
import { serializeError } from '../runs/serialized-error.js';
import { toJsonValue } from './json-value.js';
import { currentRunContext, type RunContext } from './run-context.js';

/** Runs `@Task` calls made from a flow: keyed, recorded, retried, and answered from the record on replay. */
@Injectable()
export class TaskExecutor {
  constructor(private readonly tasks: TaskRunStore) {}

  async call(task: TaskDefinition, body: () => unknown): Promise<unknown> {
    const context = currentRunContext();
    if (!context) return body();
    context.throwIfStopped();
    // Take key and step before any await so concurrent calls number in call order.
    const key = task.key ?? `${task.name}-${context.nextIndex(`task:${task.name}`)}`;
    const step = context.nextStep({ kind: 'task', name: task.name, key });
    const recorded = context.record.tasks.get(key);
    if (recorded?.state === 'COMPLETED') return recorded.result;

    for (let attempt = 1; ; attempt++) {
      try {
        return await this.attempt(context, task, key, step, body);
      } catch (error) {
        if (attempt > task.retries || context.stopError) throw error;
        await sleep(task.retryDelay * 1000 * 2 ** (attempt - 1), undefined, { ref: false });
        context.throwIfStopped();
      }
    }
  }

  private async attempt(context: RunContext, task: TaskDefinition, key: string, step: number, body: () => unknown) {
    const runId = context.run.id;
    await this.tasks.recordTaskStart(runId, key, task.name, step);
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
