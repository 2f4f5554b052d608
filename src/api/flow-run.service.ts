import { Inject, Injectable, type Type } from '@nestjs/common';
import { ActiveRuns } from '../engine/active-runs.js';
import { FlowWorker } from '../engine/flow.worker.js';
import { PauseExpiry } from '../engine/pause-expiry.js';
import { ResumeExecutor } from '../engine/resume.executor.js';
import { RetryExecutor } from '../engine/retry.executor.js';
import { RunTransitions } from '../engine/run-transitions.js';
import { SendExecutor, type SentInput } from '../engine/send.executor.js';
import { EVENT_BUS, type EventBus } from '../events/event-bus.js';
import { FlowRegistry } from '../flows/flow.registry.js';
import type { FlowDefinition } from '../flows/flow-definition.js';
import { NESTFLOW_OPTIONS } from '../config/nestflow.constants.js';
import type { ResolvedNestflowOptions } from '../config/nestflow.options.js';
import { RunHistoryStore } from '../persistence/run-history.store.js';
import { RunStore } from '../persistence/run.store.js';
import { StoreFailures } from './store-failures.js';
import { NESTFLOW_TRACER, type NestflowTracer } from '../observability/nestflow-tracer.js';
import { NESTFLOW_METRICS, type NestflowMetrics } from '../observability/nestflow-metrics.js';
import { inspectInput } from '../inputs/input-inspector.js';
import { RunInput, type InputClass, type InputData } from '../inputs/run-input.js';
import { validateParameters } from '../flows/flow-parameters.js';
import { flowNameOf } from '../flows/flow-name.js';
import { FlowNotFoundError } from '../domain/errors/flow-not-found.error.js';
import { ParametersValidationError } from '../domain/errors/parameters-validation.error.js';
import type { FlowMethodName, FlowStartArguments, NotAClass, PlainFields } from './flow-call.types.js';
import type { RequestToStore } from '../persistence/sql/hot-statements.js';
import { clientRequest } from '../domain/client-request.js';
import { IdempotencyKeyReusedError } from '../domain/errors/idempotency-key-reused.error.js';
import { FlowRunCancelledError } from '../domain/errors/flow-run-cancelled.error.js';
import { FlowRunNotFoundError } from '../domain/errors/flow-run-not-found.error.js';
import { InvalidStateTransitionError } from '../domain/errors/invalid-state-transition.error.js';
import { InvalidRetryStepError, MAX_STEP } from '../domain/errors/invalid-retry-step.error.js';
import { WaitTimeoutError } from '../domain/errors/wait-timeout.error.js';
import { FlowRunState } from '../domain/flow-run-state.js';
import { IdempotentRequests } from './idempotent-requests.js';
import type { FlowRun, FlowRunFilter, FlowRunLog, FlowRunPage, FlowRunStateRecord } from '../domain/flow-run.js';
import type {
  CancelFlowRunOptions,
  FindFlowRunOptions,
  ResumeFlowRunOptions,
  ResumeOptions,
  RetryFlowRunOptions,
  SendInputOptions,
  WaitForFlowRunOptions,
} from './flow-run.options.js';
import { auditMessage } from './audit-message.js';
import { TERMINAL_STATES, isTerminal } from '../domain/state-machine.js';

const RUN_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The public API for starting, inspecting, resuming and cancelling flow runs. A store that cannot
 * be reached is StoreUnavailableError (the driver's error as its `cause`).
 */
@Injectable()
export class FlowRunService {
  constructor(
    @Inject(NESTFLOW_OPTIONS) private readonly options: ResolvedNestflowOptions,
    @Inject(EVENT_BUS) private readonly bus: EventBus,
    private readonly flows: FlowRegistry,
    private readonly store: RunStore,
    private readonly history: RunHistoryStore,
    private readonly transitions: RunTransitions,
    private readonly resumer: ResumeExecutor,
    private readonly active: ActiveRuns,
    private readonly sender: SendExecutor,
    private readonly worker: FlowWorker,
    private readonly idempotent: IdempotentRequests,
    private readonly retrier: RetryExecutor,
    private readonly failures: StoreFailures,
    private readonly expiry: PauseExpiry,
    @Inject(NESTFLOW_METRICS) private readonly metrics: NestflowMetrics,
    @Inject(NESTFLOW_TRACER) private readonly tracer: NestflowTracer,
  ) {}

  listFlows(): FlowDefinition[] {
    return this.flows.list();
  }

  /**
   * Schedules a run of `flowName`; a worker picks it up at once. A flow with a parameters class
   * (`@Flow({ parameters })`) gets them validated first: invalid ones are ParametersValidationError
   * and no run is stored.
   */
  async createFlowRun(flowName: string, parameters?: unknown): Promise<FlowRun> {
    const flow = this.flows.get(flowName);
    inspectInput(parameters, this.options.limits, 'parameters');
    const stored = await validateParameters(flow, parameters).catch((error: unknown) => {
      if (error instanceof ParametersValidationError) this.metrics.inputRefused(flowName, error.parametersType);
      throw error;
    });
    return this.tracer.inSpan('nestflow.create', { 'nestflow.flow': flowName }, () => this.create(flow, stored));
  }

  /**
   * `createFlowRun` typed by the flow's own code: `start(ShopFlows, 'buyShirt', { customer, maxPrice })`
   * takes the parameters the method declares and the flow's name from its `@Flow()`. A method that
   * is not a flow of this app: FlowNotFoundError.
   */
  async start<C extends object, K extends FlowMethodName<C>>(
    flowClass: Type<C>,
    method: K,
    ...parameters: FlowStartArguments<C[K]>
  ): Promise<FlowRun> {
    const name = flowNameOf(flowClass, method);
    if (!name)
      throw new FlowNotFoundError(
        `${flowClass.name}.${method}`,
        this.flows.list().map((flow) => flow.name),
      );
    return this.createFlowRun(name, parameters[0]);
  }

  private async create(flow: FlowDefinition, parameters: unknown): Promise<FlowRun> {
    const flowName = flow.name;
    // Eager start: with a free slot here, the run is stored already claimed by this worker.
    const slot = this.worker.reserveSlot();
    try {
      const { scheduled, claimed } = await this.store.createRun(
        flowName,
        parameters ?? null,
        slot ?? undefined,
        flow.version,
        this.tracer.store(), // the run's spans continue this request's trace
      );
      this.transitions.announce(scheduled);
      this.metrics.runCreated(flowName);
      if (claimed) this.worker.startClaimed(claimed);
      return scheduled;
    } catch (error) {
      if (slot) this.worker.releaseSlot();
      return this.failures.rethrow(error);
    }
  }

  async getFlowRun(id: string, options: FindFlowRunOptions = {}): Promise<FlowRun> {
    const run = await this.findFlowRun(id, options);
    if (!run) throw new FlowRunNotFoundError(id);
    return run;
  }

  /**
   * Null for an unknown id; ids that cannot be run ids are not looked up at all. A run found
   * waiting past its pause's deadline has its timeout applied first: it never reads as waiting
   * (unless `asStored`).
   */
  async findFlowRun(id: string, options: FindFlowRunOptions = {}): Promise<FlowRun | null> {
    if (!RUN_ID.test(id)) return null;
    const run = await this.store.findRun(id).catch(this.failures.rethrow);
    return run && !options.asStored ? this.expiry.current(run).catch(this.failures.rethrow) : run;
  }

  /**
   * Pauses past their deadline are left out (counts too), and expired in the background, so a
   * page never shows a run as waiting that no longer is.
   */
  async listFlowRuns(filter: FlowRunFilter = {}, page: { first?: number; after?: string } = {}): Promise<FlowRunPage> {
    const first = Math.min(Math.max(page.first ?? 20, 0), 500);
    const listed = await this.store.listRuns(filter, first, page.after).catch(this.failures.rethrow);
    this.expiry.expireDueLater();
    return listed;
  }

  /**
   * Answers a paused run. The input is validated first; invalid input throws
   * InputValidationError and changes nothing. Concurrent resumes: one wins, the rest get
   * RunNotPausedError. Input breaking `limits` (size, depth, keys, strings, prototype keys) is
   * refused before validation. With `requestId`, a retry of a resume that took effect returns
   * the run (as it is now) instead of RunNotPausedError; other arguments under the same id get
   * IdempotencyKeyReusedError.
   */
  async resumeFlowRun(id: string, input?: unknown, key?: string | null, options: ResumeFlowRunOptions = {}): Promise<FlowRun> {
    // async, so a refused input rejects instead of throwing synchronously
    if (!RUN_ID.test(id)) throw new FlowRunNotFoundError(id);
    inspectInput(input, this.options.limits, 'input', id);
    const inputType = options.inputType ?? null;
    const asked = { runId: id, key: key ?? null, input, ...(inputType ? { inputType } : {}) };
    const request = clientRequest(options.requestId, 'resume', asked);
    const attributes = { 'nestflow.run_id': id, 'nestflow.pause_key': key ?? undefined };
    return this.tracer.inSpan('nestflow.resume', attributes, () =>
      this.idempotent
        .once(
          request,
          () =>
            this.resumer.resume(
              id,
              input,
              key,
              options.resumedBy?.slice(0, 200) ?? null,
              request,
              options.roles ?? [],
              inputType,
              options.checkedPause ?? null,
            ),
          () => this.getFlowRun(id),
        )
        .catch(this.failures.rethrow),
    );
  }

  /**
   * `resumeFlowRun` typed by the input class: `resume(runId, ShirtOrder, { size, color })`. The
   * class also says which one answers a pause waiting for several (no `inputType` field needed);
   * for a pause waiting for another class it is InputValidationError (path `inputType`).
   */
  async resume<T extends RunInput>(
    runId: string,
    inputClass: InputClass<T>,
    data: InputData<T>,
    options: ResumeOptions = {},
  ): Promise<FlowRun> {
    const { key, ...rest } = options;
    return this.resumeFlowRun(runId, data, key, { ...rest, inputType: inputClass.name });
  }

  /**
   * Puts a typed input in a run's mailbox for `receiveInput`: `sendInput(runId, Greeting, { name })`
   * (typed by the class), a RunInput instance, or plain JSON with `options.inputType`. It is
   * validated first (InputValidationError, nothing stored). A second send with the same key is a
   * no-op (`duplicate: true`); the same key with other content is IdempotencyKeyReusedError. With
   * `requestId`, a retry returns `duplicate: true`.
   */
  async sendInput<T extends RunInput>(
    runId: string,
    inputClass: InputClass<T>,
    data: PlainFields<T>,
    options?: Omit<SendInputOptions, 'inputType'>,
  ): Promise<SentInput>;
  async sendInput<V>(runId: string, value: NotAClass<V>, options?: SendInputOptions): Promise<SentInput>;
  async sendInput(runId: string, ...args: [unknown, unknown?, SendInputOptions?]): Promise<SentInput> {
    const [value, options = {}] =
      typeof args[0] === 'function'
        ? [args[1], { ...args[2], inputType: (args[0] as InputClass).name }]
        : [args[0], args[1] as SendInputOptions | undefined];
    return this.send(runId, value, options);
  }

  private async send(runId: string, value: unknown, options: SendInputOptions): Promise<SentInput> {
    if (!RUN_ID.test(runId)) throw new FlowRunNotFoundError(runId);
    inspectInput(value, this.options.limits, 'input', runId);
    const { requestId, ...send } = options;
    const inputType = value instanceof RunInput ? value.constructor.name : (send.inputType ?? null);
    const request = clientRequest(requestId, 'send', { runId, inputType, key: send.key ?? null, input: value });
    return this.idempotent
      .once(
        request,
        () => this.sender.send(runId, value, { ...send, request }),
        async (earlier) => ({ runId, key: earlier.inputKey ?? '', inputType: inputType ?? '', duplicate: true }),
      )
      .catch(this.failures.rethrow);
  }

  /**
   * Cancels a run that has not finished; a paused flow sees FlowRunCancelledError. Who and why
   * (`cancelledBy`, `reason`) go in the run's history. With `requestId`, a retry of a cancel that
   * took effect returns the run instead of CONFLICT.
   */
  async cancelFlowRun(id: string, options: CancelFlowRunOptions = {}): Promise<FlowRun> {
    const request = clientRequest(options.requestId, 'cancel', { runId: id });
    return this.idempotent
      .once(
        request,
        () => this.cancel(id, request, auditMessage('Cancelled', options.cancelledBy, options.reason)),
        () => this.getFlowRun(id),
      )
      .catch(this.failures.rethrow);
  }

  private async cancel(id: string, request: RequestToStore | null, message: string): Promise<FlowRun> {
    const patch = { inputRequest: null, pauseExpiresAt: null, leaseOwner: null };
    for (let failedAt = -1; ;) {
      const run = await this.getFlowRun(id);
      if (isTerminal(run.state)) throw new InvalidStateTransitionError(run.state, FlowRunState.CANCELLED, id);
      // The move failed on a run nobody changed: its requestId was taken meanwhile.
      if (request && run.version === failedAt) throw new IdempotencyKeyReusedError('requestId', request.id, id);
      const cancelled = await this.transitions.move(run, FlowRunState.CANCELLED, message, patch, request ?? undefined);
      if (cancelled) {
        this.active.get(id)?.stop(new FlowRunCancelledError(id), cancelled);
        return cancelled;
      }
      failedAt = run.version; // it moved meanwhile: look again
    }
  }

  /**
   * Sends a FAILED run back to SCHEDULED, so a worker serving its flow version replays it: the
   * recorded task results and answered pauses are kept and replayed, the recorded failure that
   * ended the run is discarded so its step runs again, and with `fromStep` every step from there
   * on runs again too. `attempt` counts on and `@Flow({ timeout })` counts from the retry. Who
   * and why go in the run's history. Not FAILED (or a concurrent retry won):
   * InvalidStateTransitionError; a bad `fromStep`: InvalidRetryStepError; nothing changed.
   */
  async retryFlowRun(id: string, options: RetryFlowRunOptions = {}): Promise<FlowRun> {
    if (!RUN_ID.test(id)) throw new FlowRunNotFoundError(id);
    const fromStep = options.fromStep ?? null;
    if (fromStep !== null && !(Number.isInteger(fromStep) && fromStep >= 1 && fromStep <= MAX_STEP)) {
      throw new InvalidRetryStepError(id, fromStep);
    }
    const done = fromStep === null ? 'Retried' : `Retried from step ${fromStep}`;
    const message = auditMessage(done, options.retriedBy, options.reason); // "Retried from step 3 by alice: …"
    return this.retrier.retry(id, fromStep, message).catch(this.failures.rethrow);
  }

  /** Resolves with the run once it is in one of `states` (event-driven, no polling). */
  async waitForFlowRun(id: string, options: WaitForFlowRunOptions = {}): Promise<FlowRun> {
    const states = options.states ?? [...TERMINAL_STATES];
    const timeoutMs = options.timeout ?? 30_000;
    let off: () => void = () => undefined;
    let timer: NodeJS.Timeout | undefined;
    try {
      return await new Promise<FlowRun>((resolve, reject) => {
        // Listen before reading, so a change between the read and the subscription is not missed.
        off = this.bus.subscribe('run.state', (event) => {
          if (event.runId === id && states.includes(event.state)) {
            if (event.run) resolve(event.run);
            else this.getFlowRun(id).then(resolve, reject);
          }
        });
        timer = setTimeout(() => reject(new WaitTimeoutError(id, states, timeoutMs)), timeoutMs);
        this.getFlowRun(id).then((run) => states.includes(run.state) && resolve(run), reject);
      });
    } finally {
      off();
      clearTimeout(timer);
    }
  }

  getFlowRunLogs(id: string): Promise<FlowRunLog[]> {
    return this.history.logsOf([id]).catch(this.failures.rethrow);
  }

  getFlowRunStates(id: string): Promise<FlowRunStateRecord[]> {
    return this.history.statesOf([id]).catch(this.failures.rethrow);
  }

  /** Accepted inputs of a run, by pause key (a timeout's default answer included; a resolved approvals pause: `{ answers, rejected }`). */
  async getFlowRunInputs(id: string): Promise<Array<{ key: string; inputType: string | null; value: unknown }>> {
    const inputs = await this.history.inputsOf(id).catch(this.failures.rethrow);
    return inputs
      .filter((input) => input.outcome !== 'timeout' && input.kind !== 'patch')
      .map(({ key, inputType, value }) => ({ key, inputType, value }));
  }
}
