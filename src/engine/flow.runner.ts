import { Inject, Injectable, Logger } from '@nestjs/common';
import { NESTFLOW_TRACER, type NestflowTracer } from '../observability/nestflow-tracer.js';
import type { FlowDefinition } from '../flows/flow-definition.js';
import { FlowRegistry } from '../flows/flow.registry.js';
import { rebuildParameters } from '../flows/flow-parameters.js';
import { FlowTimeoutError } from '../domain/errors/flow-timeout.error.js';
import { NestflowError } from '../domain/errors/nestflow.error.js';
import { FlowRunState } from '../domain/flow-run-state.js';
import type { FlowRun } from '../domain/flow-run.js';
import { serializeError, type SerializedError } from '../domain/serialized-error.js';
import { ActiveRuns } from './active-runs.js';
import { toJsonValue } from './json-value.js';
import { LogWriter } from './log.writer.js';
import { RunExecutorsProvider } from './run-executors.provider.js';
import { StepJournal } from './replay/step.journal.js';
import { RunContext, runInContext } from './run-context.js';
import { RunLogger } from './run-logger.js';
import { RunTransitions } from './run-transitions.js';
import { ExecutionEndedSignal } from './execution-ended.signal.js';
import { retryWhileFailing } from './retry-while-failing.js';
import { RunHandover } from './run.handover.js';

/** Errors a flow retry would only repeat. */
const NOT_RETRIED = new Set(['PAUSE_TIMEOUT', 'DETERMINISM_VIOLATION', 'FLOW_TIMEOUT', 'FLOW_RUN_CANCELLED']);

/**
 * Executes one claimed (RUNNING) run: a first execution or a replay, to COMPLETED, FAILED, a
 * retry, or the end of this execution (suspended, cancelled, handed over).
 */
@Injectable()
export class FlowRunner {
  private readonly logger = new Logger('nestflow:runner');

  constructor(
    private readonly flows: FlowRegistry,
    private readonly transitions: RunTransitions,
    private readonly executors: RunExecutorsProvider,
    private readonly active: ActiveRuns,
    private readonly logs: LogWriter,
    private readonly journal: StepJournal,
    private readonly handover: RunHandover,
    @Inject(NESTFLOW_TRACER) private readonly tracer: NestflowTracer,
  ) {}

  async execute(run: FlowRun): Promise<void> {
    if (!this.flows.has(run.flowName)) {
      const message = `Flow "${run.flowName}" is not registered in this application.`;
      await this.transitions.move(run, FlowRunState.FAILED, message, { error: { name: 'FlowNotFoundError', message } });
      return;
    }
    const flow = this.flows.get(run.flowName);
    const context = await this.createContext(run);
    this.active.add(context);
    // The run's span continues the trace of the request that created or last resumed it.
    const span = this.tracer.start('nestflow.run', runAttributes(run), this.tracer.restore(run.traceContext));
    context.trace = span.context;
    let failure: unknown;
    const timer = this.startFlowTimeout(context, flow);
    try {
      // Rebuilt on every execution, so a replay's method gets an instance of the parameters class too.
      const invoked = this.tracer.within(span.context, () =>
        runInContext(context, () => flow.invoke(rebuildParameters(flow, run.parameters))),
      );
      const result = await Promise.race([invoked, context.stopped]);
      await this.finish(context, FlowRunState.COMPLETED, null, {
        result: toJsonValue(result, `The result of flow "${run.flowName}"`) ?? null,
      });
    } catch (error) {
      // A stop (cancel, timeout, suspend, hand-over) already wrote the run's state.
      if (!context.stopError) {
        failure = error;
        await this.fail(context, flow, serializeError(error), error);
      } else if (context.stopError instanceof ExecutionEndedSignal && context.stopError.reason === 'store-failed') {
        const cause = (context.stopError.cause as Error | undefined)?.message ?? 'unknown error';
        this.logger.warn(`Run ${run.id}: a durable write failed (${cause}); handing the run back to replay`);
        await this.handover.handBack(context, 'A durable write failed');
      }
    } finally {
      clearTimeout(timer);
      span.end(failure);
      await context.logger.flush();
      this.active.delete(run.id);
      this.logs.untrack(run.id);
    }
  }

  private async createContext(run: FlowRun): Promise<RunContext> {
    // What earlier executions recorded: a replay answers tasks and pauses from it.
    const journal = await this.journal.open(run);
    this.logs.track(run.id, run.flowName);
    // The logger asks the context (created next) whether the flow is replaying; called only later.
    const logger: RunLogger = new RunLogger(run.id, run.flowName, this.logs, (): boolean => context.isReplaying());
    const context: RunContext = new RunContext(run, this.executors, logger, journal);
    return context;
  }

  private async fail(context: RunContext, flow: FlowDefinition, failure: SerializedError, error: unknown): Promise<void> {
    const retriable = !(error instanceof NestflowError && NOT_RETRIED.has(error.code));
    if (retriable && context.run.attempt <= flow.retries) {
      await context.logger.flush();
      // Moved, changed elsewhere, or handed back: this execution is over either way.
      await this.finalWrite(context, () =>
        this.transitions.move(
          context.run,
          FlowRunState.SCHEDULED,
          `Attempt ${context.run.attempt} failed (${failure.name}: ${failure.message}); retrying`,
          {
            attempt: context.run.attempt + 1,
            scheduledAt: new Date(Date.now() + flow.retryDelay * 1000),
            leaseOwner: null,
          },
        ),
      );
      return;
    }
    await this.finish(context, FlowRunState.FAILED, `${failure.name}: ${failure.message}`, { error: failure });
  }

  private async finish(
    context: RunContext,
    state: FlowRunState.COMPLETED | FlowRunState.FAILED,
    message: string | null,
    patch: { result?: unknown; error?: SerializedError },
  ): Promise<void> {
    await context.logger.flush();
    const done = await this.finalWrite(context, () =>
      this.transitions.move(context.run, state, message, { ...patch, leaseOwner: null }),
    );
    if (done === false) this.logger.warn(`Run ${context.run.id} changed state elsewhere; its ${state} outcome was dropped.`);
  }

  /**
   * The write that ends this execution, retried while the store is down (the run stays held
   * here meanwhile). Resolves the moved run, false when another writer changed the run first,
   * or null when the store stayed down: then the run is handed back (or, failing that, released
   * by this node's audit once the store is back) and replays.
   */
  private async finalWrite(context: RunContext, write: () => Promise<FlowRun | null>): Promise<FlowRun | false | null> {
    const moved = await retryWhileFailing(
      async () => (await write()) ?? false,
      (error) => this.logger.error(`Could not record the end of run ${context.run.id}: ${error.message}`),
    );
    if (moved === null) await this.handover.handBack(context, 'Its end could not be recorded');
    return moved;
  }

  /**
   * `@Flow({ timeout })` counts from the run's creation, so replays and pauses do not reset it;
   * an operator's retry (`retriedAt`) starts it again.
   */
  private startFlowTimeout(context: RunContext, flow: FlowDefinition): NodeJS.Timeout | undefined {
    const seconds = flow.timeout;
    if (!seconds) return undefined;
    const since = context.run.retriedAt ?? context.run.createdAt;
    const remaining = since.getTime() + seconds * 1000 - Date.now();
    const timer = setTimeout(
      async () => {
        const error = new FlowTimeoutError(context.run.id, seconds);
        const failed = await this.transitions
          .move(context.run, FlowRunState.FAILED, error.message, {
            error: serializeError(error),
            inputRequest: null,
            leaseOwner: null,
          })
          .catch(() => null);
        if (failed) context.stop(error, failed);
      },
      Math.max(0, remaining),
    );
    timer.unref();
    return timer;
  }
}

function runAttributes(run: FlowRun) {
  return {
    'nestflow.run_id': run.id,
    'nestflow.flow': run.flowName,
    'nestflow.flow_version': run.flowVersion,
    'nestflow.attempt': run.attempt,
  };
}
