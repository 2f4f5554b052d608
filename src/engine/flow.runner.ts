import { Injectable, Logger } from '@nestjs/common';
import { FlowRegistry } from '../flows/flow.registry.js';
import { RunHistoryStore } from '../persistence/run-history.store.js';
import { TaskRunStore } from '../persistence/task-run.store.js';
import { FlowTimeoutError } from '../runs/errors/flow-timeout.error.js';
import { FlowRunState } from '../runs/flow-run-state.js';
import type { FlowRun } from '../runs/flow-run.js';
import { serializeError } from '../runs/serialized-error.js';
import { ActiveRuns } from './active-runs.js';
import { toJsonValue } from './json-value.js';
import { LogWriter } from './log.writer.js';
import { PauseExecutor } from './pause.executor.js';
import { RunContext, runInContext } from './run-context.js';
import { RunLogger } from './run-logger.js';
import { RunTransitions } from './run-transitions.js';

/** Executes one claimed (RUNNING) run to its end: COMPLETED, FAILED, or left as others set it. */
@Injectable()
export class FlowRunner {
  private readonly logger = new Logger('nestflow:runner');

  constructor(
    private readonly flows: FlowRegistry,
    private readonly transitions: RunTransitions,
    private readonly pauses: PauseExecutor,
    private readonly active: ActiveRuns,
    private readonly logs: LogWriter,
    private readonly tasks: TaskRunStore,
    private readonly history: RunHistoryStore,
  ) {}

  async execute(run: FlowRun): Promise<void> {
    if (!this.flows.has(run.flowName)) {
      const message = `Flow "${run.flowName}" is not registered in this application.`;
      await this.transitions.move(run, FlowRunState.FAILED, message, { error: { name: 'FlowNotFoundError', message } });
      return;
    }
    const context = await this.createContext(run);
    this.active.add(context);
    const timer = this.startFlowTimeout(context);
    try {
      const result = await Promise.race([
        runInContext(context, () => this.flows.get(run.flowName).invoke(run.parameters)),
        context.stopped,
      ]);
      await this.finish(context, FlowRunState.COMPLETED, null, {
        result: toJsonValue(result, `The result of flow "${run.flowName}"`) ?? null,
      });
    } catch (error) {
      if (!context.stopError) {
        const failure = serializeError(error);
        await this.finish(context, FlowRunState.FAILED, `${failure.name}: ${failure.message}`, { error: failure });
      }
    } finally {
      clearTimeout(timer);
      await context.logger.flush();
      this.active.delete(run.id);
      this.logs.untrack(run.id);
    }
  }

  private async createContext(run: FlowRun): Promise<RunContext> {
    // Records of earlier executions: a replay answers tasks and pauses from them.
    const [tasks, inputs] = await Promise.all([this.tasks.tasksOf(run.id), this.history.inputsOf(run.id)]);
    this.logs.track(run.id, run.flowName);
    const logger = new RunLogger(run.id, run.flowName, this.logs);
    return new RunContext(
      run,
      this.pauses,
      logger,
      new Map(tasks.map((task) => [task.taskKey, task])),
      new Map(inputs.map((input) => [input.key, input])),
    );
  }

  private async finish(
    context: RunContext,
    state: FlowRunState.COMPLETED | FlowRunState.FAILED,
    message: string | null,
    patch: { result?: unknown; error?: ReturnType<typeof serializeError> },
  ): Promise<void> {
    await context.logger.flush();
    try {
      const done = await this.transitions.move(context.run, state, message, { ...patch, leaseOwner: null, leaseExpiresAt: null });
      if (!done) this.logger.warn(`Run ${context.run.id} changed state elsewhere; its ${state} outcome was dropped.`);
    } catch (error) {
      this.logger.error(`Could not record the end of run ${context.run.id}: ${(error as Error).message}`);
    }
  }

  private startFlowTimeout(context: RunContext): NodeJS.Timeout | undefined {
    const seconds = this.flows.get(context.run.flowName).timeout;
    if (!seconds) return undefined;
    const timer = setTimeout(async () => {
      const error = new FlowTimeoutError(context.run.id, seconds);
      const failed = await this.transitions
        .move(context.run, FlowRunState.FAILED, error.message, { error: serializeError(error), inputRequest: null })
        .catch(() => null);
      if (failed) context.stop(error, failed);
    }, seconds * 1000);
    timer.unref();
    return timer;
  }
}
