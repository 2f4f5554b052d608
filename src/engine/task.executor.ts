import { Inject, Injectable } from '@nestjs/common';
import { NESTFLOW_TRACER, type NestflowTracer } from '../observability/nestflow-tracer.js';
import { setTimeout as sleep } from 'node:timers/promises';
import type { TaskDefinition } from '../flows/flow-definition.js';
import { serializeError } from '../domain/serialized-error.js';
import { toJsonValue } from './json-value.js';
import { StepJournal, type TaskStep } from './replay/step.journal.js';
import { currentRunContext } from './run-context.js';

/**
 * Runs `@Task` calls made from a flow: keyed, retried, recorded once per attempt outcome, and
 * answered by the journal on replay. A task interrupted by a crash has no record and runs
 * again (at-least-once for in-flight tasks).
 */
@Injectable()
export class TaskExecutor {
  constructor(
    private readonly journal: StepJournal,
    @Inject(NESTFLOW_TRACER) private readonly tracer: NestflowTracer,
  ) {}

  async call(task: TaskDefinition, body: () => unknown): Promise<unknown> {
    const context = currentRunContext();
    if (!context) return body();
    context.throwIfStopped();
    // Take key and step before any await so concurrent calls number in call order.
    const key = task.key ?? context.journal.taskKey(task.name);
    const answer = context.journal.take({ kind: 'task', name: task.name, key });
    if (answer.replayed) return answer.value;

    const step: TaskStep = { runId: context.run.id, step: answer.step, name: task.name, key };
    for (let attempt = 1; ; attempt++) {
      const attempts = answer.earlierAttempts + attempt;
      let result: unknown;
      try {
        const attributes = {
          'nestflow.run_id': context.run.id,
          'nestflow.task': task.name,
          'nestflow.task_key': key,
          'nestflow.attempt': attempts,
        };
        // Each attempt is a span, under the run's (or, after a resume, the resume's) trace.
        const value = await this.tracer.inSpan('nestflow.task', attributes, async () => body(), { parent: context.trace });
        result = toJsonValue(value, `The result of task "${task.name}"`);
      } catch (error) {
        await context.durably(() => this.journal.recordTaskFailure(step, serializeError(error), attempts));
        if (attempt > task.retries || context.stopError) throw error;
        await sleep(task.retryDelay * 1000 * 2 ** (attempt - 1), undefined, { ref: false });
        context.throwIfStopped();
        continue;
      }
      await context.durably(() => this.journal.recordTaskResult(step, result, attempts));
      return result;
    }
  }
}
