import { Injectable } from '@nestjs/common';
import { setTimeout as sleep } from 'node:timers/promises';
import type { TaskDefinition } from '../flows/flow-definition.js';
import { TaskRunStore, type TaskCall } from '../persistence/task-run.store.js';
import { serializeError } from '../domain/serialized-error.js';
import { toJsonValue } from './json-value.js';
import { currentRunContext } from './run-context.js';

/**
 * Runs `@Task` calls made from a flow: keyed, retried, recorded once per attempt outcome, and
 * answered from the record on replay. A task interrupted by a crash has no record and runs
 * again (at-least-once for in-flight tasks).
 */
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

    const call: TaskCall = { runId: context.run.id, taskKey: key, taskName: task.name, step };
    const earlierAttempts = recorded?.attempts ?? 0;
    for (let attempt = 1; ; attempt++) {
      let result: unknown;
      try {
        result = toJsonValue(await body(), `The result of task "${task.name}"`);
      } catch (error) {
        await context.durably(() => this.tasks.recordTaskFailure(call, serializeError(error), earlierAttempts + attempt));
        if (attempt > task.retries || context.stopError) throw error;
        await sleep(task.retryDelay * 1000 * 2 ** (attempt - 1), undefined, { ref: false });
        context.throwIfStopped();
        continue;
      }
      await context.durably(() => this.tasks.recordTaskResult(call, result, earlierAttempts + attempt));
      return result;
    }
  }
}
