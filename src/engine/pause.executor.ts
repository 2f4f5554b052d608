import { Inject, Injectable } from '@nestjs/common';
import { NESTFLOW_TRACER, type NestflowTracer, type SpanHandle, type TraceParent } from '../observability/nestflow-tracer.js';
import { NESTFLOW_METRICS, type NestflowMetrics } from '../observability/nestflow-metrics.js';
import { InputTypeRegistry } from '../inputs/input-type.registry.js';
import type { InputRequest } from '../domain/input-request.js';
import { choiceSchema } from '../inputs/input-choice.js';
import { titleOfClasses } from '../inputs/input-title.js';
import { schemaWithDefaults } from '../inputs/input-schema.js';
import { InitialDataRequest, type InputClass } from '../inputs/run-input.js';
import { NESTFLOW_OPTIONS } from '../config/nestflow.constants.js';
import type { ResolvedNestflowOptions } from '../config/nestflow.options.js';
import { STORED_KEY_LENGTH } from '../domain/stored-key-length.js';
import { FlowRunCancelledError } from '../domain/errors/flow-run-cancelled.error.js';
import { KeyTooLongError } from '../domain/errors/key-too-long.error.js';
import { FlowRunState } from '../domain/flow-run-state.js';
import { ExecutionEndedSignal } from './execution-ended.signal.js';
import type { PauseOptions } from './pause-options.js';
import { PauseExpiry } from './pause-expiry.js';
import { timeoutDefaultOf, timeoutSeconds } from './pause-timeout.js';
import { pauseTimersRequest } from './pause-timer-options.js';
import { startTimers } from '../domain/pause-timers.js';
import { approvalsRequest } from './approvals/approvals-request.js';
import { approvalsOf } from './approvals/approvals.result.js';
import type { RunContext, WaiterOutcome } from './run-context.js';
import { RunTransitions } from './run-transitions.js';
import { FlowRegistry } from '../flows/flow.registry.js';
import type { FlowRun } from '../domain/flow-run.js';
import type { RunPatch } from '../persistence/run.store.js';
import { afterPause, askedAgainData, askedAgainMessage, previousAnswerOf } from './ask-again.js';

type Mode = 'pause' | 'suspend';

/** The work behind `pauseFlowRun` and `suspendFlowRun`: ask the journal, record the request, wait or end. */
@Injectable()
export class PauseExecutor {
  constructor(
    @Inject(NESTFLOW_OPTIONS) private readonly options: ResolvedNestflowOptions,
    private readonly transitions: RunTransitions,
    private readonly inputTypes: InputTypeRegistry,
    private readonly expiry: PauseExpiry,
    private readonly flows: FlowRegistry,
    @Inject(NESTFLOW_METRICS) private readonly metrics: NestflowMetrics,
    @Inject(NESTFLOW_TRACER) private readonly tracer: NestflowTracer,
  ) {}

  async wait(context: RunContext, options: PauseOptions, mode: Mode): Promise<unknown> {
    context.throwIfStopped();
    // Take key and step before any await so concurrent calls number deterministically.
    const key = options.key ?? context.journal.pauseKey();
    const { classes, initialData } = unpack(options.waitForInput);
    const timeout = timeoutSeconds(options.timeout);
    const approvals = options.approvals ? approvalsRequest(options.approvals, classes, `${mode}FlowRun`) : undefined;
    const { reminders, escalation } = pauseTimersRequest(options.remind, options.escalate, `${mode}FlowRun`);
    // A default answer has no principal, so it cannot count as an approval: an approvals pause
    // goes on with the answers given so far instead.
    if (approvals && typeof options.timeout === 'object' && options.timeout?.with !== undefined) {
      throw new RangeError(
        `${mode}FlowRun: an approvals pause takes no timeout.with (a default answer has no principal); at the deadline it goes on with the answers given so far`,
      );
    }
    // Replay first: an outcome recorded at this step is the answer, without validating again.
    const askAgain = options.askAgainOnRetry ?? this.flows.get(context.run.flowName).askAgainOnRetry;
    const answer = context.journal.take({ kind: 'pause', key, inputClasses: classes, timeout, approvals: !!approvals, askAgain });
    classes.forEach((inputClass) => this.inputTypes.register(inputClass));
    if (answer.replayed) {
      // The answer this execution replays to reach: the flow continues past it now.
      if (answer.answeredAt) {
        this.metrics.resumeLatency(context.run.flowName, (Date.now() - answer.answeredAt.getTime()) / 1000);
        // The replay's run span continues the resume's trace already.
        this.wokeUp(context, context.trace);
      }
      return approvals ? approvalsOf(answer.value, classes, approvals.required) : answer.value;
    }
    const { step } = answer;
    // Asked again on a retry: the old answer is shown (and starts the form), not returned.
    const previousAnswer = answer.previous ? previousAnswerOf(answer.previous) : undefined;
    const shown = previousAnswer ? askedAgainData(classes, initialData, previousAnswer) : initialData;

    // Clients answer with this key: one that cannot be stored fails the flow here, not their resume.
    const maxKeyLength = Math.min(this.options.limits.maxKeyLength, STORED_KEY_LENGTH);
    if (key.length > maxKeyLength) throw new KeyTooLongError(key.length, maxKeyLength, 'pause key', context.run.id);
    if (!(timeout > 0)) throw new RangeError(`${mode}FlowRun timeout must be a positive number of seconds, got ${timeout}`);
    // A default the class refuses fails the flow here, before anything is stored, not at the deadline.
    // An approvals pause has none to validate: at the deadline it goes on with the answers so far.
    const pause = { runId: context.run.id, key, classes: approvals ? [] : classes, initialData };
    const onTimeout = await timeoutDefaultOf(options.timeout, pause, mode);
    const pausedAt = Date.now();
    const expiresAt = new Date(pausedAt + timeout * 1000);
    const request: InputRequest = {
      key,
      inputType: classes.length ? classes.map((inputClass) => inputClass.name).join(' | ') : null,
      ...(classes.length > 1 ? { inputTypes: classes.map((inputClass) => inputClass.name) } : {}),
      schema: requestSchema(classes, shown),
      title: options.title ?? titleOfClasses(classes),
      initialData: shown,
      description: options.description ?? null,
      expiresAt: expiresAt.toISOString(),
      timeout,
      suspended: mode === 'suspend',
      ...(approvals ? { approvals } : {}),
      step,
      ...(onTimeout ? { onTimeout } : {}),
      ...(previousAnswer ? { previousAnswer } : {}),
      ...(reminders ? { reminders } : {}),
      ...(escalation ? { escalation } : {}),
    };
    // Written with the move that makes the run wait: a pause is never stored without its timers.
    const timers = reminders || escalation ? startTimers(reminders, escalation, pausedAt, expiresAt.getTime()) : {};
    const attributes = {
      'nestflow.run_id': context.run.id,
      'nestflow.pause_key': key,
      'nestflow.input_type': request.inputType ?? undefined,
      'nestflow.suspend': mode === 'suspend',
    };
    // Ended by the answer, the timeout or the suspend: no frame of its own waits with the run.
    const span = this.tracer.start('nestflow.pause', attributes, context.trace);
    const patch: RunPatch = { inputRequest: request, pauseExpiresAt: expiresAt, ...timers };
    if (mode === 'suspend') return this.suspend(context, request, patch, span);
    const value = await this.pause(context, request, classes, patch, span);
    // An approvals pause is answered with every answer as stored: the flow gets them rebuilt.
    return approvals ? approvalsOf(value, classes, approvals.required) : value;
  }

  /**
   * The flow goes on after an answer: a span in the answer's trace (the resume stored its
   * context on the run), under which the flow's next steps hang, on whichever node this is.
   */
  private wokeUp(context: RunContext, parent: TraceParent | undefined): void {
    if (!parent) return;
    const span = this.tracer.start('nestflow.resume.wakeup', { 'nestflow.run_id': context.run.id }, parent);
    context.trace = span.context;
    span.end();
  }

  private async pause(
    context: RunContext,
    request: InputRequest,
    inputClasses: InputClass[],
    patch: RunPatch,
    span: SpanHandle,
  ): Promise<unknown> {
    const expiresAt = patch.pauseExpiresAt!;
    const { key, step } = request;
    try {
      // Register the waiter before the PAUSED state is visible, so an immediate resume finds it.
      const outcome = new Promise<WaiterOutcome>(
        (settle) => (context.waiter = { key, step: step!, inputClasses, settle, approvals: !!request.approvals }),
      );
      const paused = await context
        .durably(() => this.record(context.run, FlowRunState.PAUSED, request, patch))
        .catch((error: unknown) => {
          context.waiter = null;
          throw error;
        });
      if (!paused) {
        context.waiter = null;
        throw context.stopError ?? new FlowRunCancelledError(context.run.id);
      }
      context.run = paused;
      if (context.waiter) {
        context.waiter.timer = setTimeout(() => void this.expire(context, key), expiresAt.getTime() - Date.now());
        context.waiter.timer.unref();
      }
      const result = await outcome;
      if (result.run) context.run = result.run;
      if (result.error) throw result.error;
      span.end();
      this.metrics.resumeLatency(context.run.flowName, (Date.now() - result.run.updatedAt.getTime()) / 1000);
      this.wokeUp(context, this.tracer.restore(result.run.traceContext));
      return result.value;
    } catch (error) {
      span.end(error instanceof ExecutionEndedSignal ? undefined : error);
      throw error;
    }
  }

  /** Records the request, releases the lease and ends this execution; a resume replays the flow. */
  private async suspend(context: RunContext, request: InputRequest, patch: RunPatch, span: SpanHandle): Promise<never> {
    const suspended = await context
      .durably(() => this.record(context.run, FlowRunState.SUSPENDED, request, { ...patch, leaseOwner: null }))
      .catch((error: unknown) => {
        span.end(error instanceof ExecutionEndedSignal ? undefined : error);
        throw error;
      });
    span.end(); // the execution ends here; the replay after the answer has spans of its own
    if (!suspended) throw context.stopError ?? new FlowRunCancelledError(context.run.id);
    const signal = new ExecutionEndedSignal('suspended', context.run.id);
    context.stop(signal, suspended);
    throw signal;
  }

  /**
   * The guarded move that makes the run wait. A pause asked again on a retry discards, in the
   * same write, the steps recorded after it: a replay never reaches what the old answer led to.
   */
  private record(run: FlowRun, to: FlowRunState, request: InputRequest, patch: RunPatch): Promise<FlowRun | null> {
    if (!request.previousAnswer) return this.transitions.move(run, to, describe(request), patch);
    return this.transitions.moveDiscarding(run, to, askedAgainMessage(request, run.attempt), patch, afterPause(request));
  }

  /**
   * The in-memory timer fired: apply the pause's timeout in one guarded write (a resume that got
   * there first wins); the expiry wakes this waiter with PauseTimeoutError or the default answer.
   */
  private async expire(context: RunContext, key: string): Promise<void> {
    if (context.waiter?.key !== key) return;
    await this.expiry.expire(context.run).catch(() => null);
  }
}

function unpack(waitFor: PauseOptions['waitForInput']): { classes: InputClass[]; initialData: Record<string, unknown> | null } {
  if (!waitFor) return { classes: [], initialData: null };
  if (Array.isArray(waitFor)) return { classes: waitFor as InputClass[], initialData: null };
  if (waitFor instanceof InitialDataRequest) {
    return { classes: [waitFor.inputClass], initialData: { ...(waitFor.initialData as Record<string, unknown>) } };
  }
  return { classes: [waitFor as InputClass], initialData: null };
}

function requestSchema(classes: InputClass[], initialData: Record<string, unknown> | null) {
  if (!classes.length) return null;
  return classes.length > 1 ? choiceSchema(classes) : schemaWithDefaults(classes[0].jsonSchema(), initialData ?? {});
}

/** The state message people read: what the run waits for, by its title ("Waiting for an answer: Shirt order"). */
function describe(request: InputRequest): string {
  const what = request.inputType ? `waiting for an answer: ${request.title}` : 'waiting for a go-ahead';
  return request.suspended ? `Suspended, ${what}` : what[0].toUpperCase() + what.slice(1);
}
