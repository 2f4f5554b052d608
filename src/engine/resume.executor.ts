import { Inject, Injectable } from '@nestjs/common';
import { NESTFLOW_TRACER, type NestflowTracer } from '../observability/nestflow-tracer.js';
import { NESTFLOW_METRICS, type NestflowMetrics } from '../observability/nestflow-metrics.js';
import { instanceToPlain } from 'class-transformer';
import { InputTypeRegistry } from '../inputs/input-type.registry.js';
import { validateInput } from '../inputs/input-validator.js';
import type { InputClass } from '../inputs/run-input.js';
import { expectInputType, INPUT_TYPE_FIELD, pickInputType } from '../inputs/input-choice.js';
import { requestTitle, titleOfClasses } from '../inputs/input-title.js';
import type { InputRequest } from '../domain/input-request.js';
import { RunStore } from '../persistence/run.store.js';
import type { RequestToStore } from '../persistence/sql/hot-statements.js';
import { FlowRunNotFoundError } from '../domain/errors/flow-run-not-found.error.js';
import { InputKeyMismatchError } from '../domain/errors/input-key-mismatch.error.js';
import { InputValidationError } from '../domain/errors/input-validation.error.js';
import { PauseExpiredError } from '../domain/errors/pause-expired.error.js';
import { RunNotPausedError } from '../domain/errors/run-not-paused.error.js';
import { UnknownInputTypeError } from '../domain/errors/unknown-input-type.error.js';
import { FlowRunState } from '../domain/flow-run-state.js';
import type { FlowRun } from '../domain/flow-run.js';
import { pauseExpired } from '../domain/pause-deadline.js';
import { WAITING_STATES } from '../domain/state-machine.js';
import { ActiveRuns } from './active-runs.js';
import { PauseExpiry } from './pause-expiry.js';
import { ApprovalRecorder } from './approvals/approval.recorder.js';
import { RemoteWakeups } from './remote-wakeups.js';
import { StepJournal } from './replay/step.journal.js';
import { RunSnapshots } from './run-snapshots.js';
import { RunTransitions } from './run-transitions.js';

/** Guarded moves tried on fresh reads of a run that other writers keep changing meanwhile. */
const MAX_TRIES = 3;
/**
 * An approvals pause is written once per answer: concurrent answers lose version races to each
 * other by design and are tried again, each at most this many times.
 */
const MAX_APPROVAL_TRIES = 10;

/**
 * Resumes a waiting run: validate, then store the input and move the state in one guarded
 * transaction, then wake the flow. A failure at any step before the commit writes nothing.
 */
@Injectable()
export class ResumeExecutor {
  constructor(
    private readonly store: RunStore,
    private readonly transitions: RunTransitions,
    private readonly active: ActiveRuns,
    private readonly inputTypes: InputTypeRegistry,
    private readonly wakeups: RemoteWakeups,
    private readonly journal: StepJournal,
    private readonly snapshots: RunSnapshots,
    private readonly expiry: PauseExpiry,
    private readonly approvals: ApprovalRecorder,
    @Inject(NESTFLOW_METRICS) private readonly metrics: NestflowMetrics,
    @Inject(NESTFLOW_TRACER) private readonly tracer: NestflowTracer,
  ) {}

  /**
   * `resumedBy`: the principal answering, stored with the input (audit). `request`: the client's
   * idempotency record, stored in the same statement as the input. `roles`: the principal's
   * roles, matched against an approvals pause's `from`. `inputType`: the class the caller says
   * it answers with (see `ResumeFlowRunOptions.inputType`). `checkedPause`: the pause an
   * authorization check was made for; waiting for another by now is RunNotPausedError.
   */
  async resume(
    runId: string,
    input: unknown,
    key?: string | null,
    resumedBy: string | null = null,
    request: RequestToStore | null = null,
    roles: readonly string[] = [],
    inputType: string | null = null,
    checkedPause: string | null = null,
  ): Promise<FlowRun> {
    const who = { resumedBy, roles, inputType, checkedPause };
    // A run paused in this process is answered from memory: its guarded move proves the copy
    // is current, and a stale copy (changed by another node) is re-read from the store once.
    const local = this.active.get(runId);
    if (local?.waiter && local.run.state === FlowRunState.PAUSED) {
      const resumed = await this.attempt(local.run, input, key, who, request);
      if (resumed) return resumed;
    }
    // Held elsewhere: the snapshot this node last heard of saves a read when still current.
    // (Not one past its deadline: a stale copy must not refuse what the store would accept.)
    const seen = local ? undefined : this.snapshots.get(runId);
    if (seen && !pauseExpired(seen)) {
      const resumed = await this.attempt(seen, input, key, who, request).catch(() => null);
      if (resumed) return resumed;
    }
    let run = await this.store.findRun(runId);
    if (!run) throw new FlowRunNotFoundError(runId);
    // The holder here disagrees with the store (resumed elsewhere, taken over, or a write the
    // store lost): bring it in line first, so no run is left that nobody can answer.
    if (local?.waiter && run.version !== local.run.version) await this.wakeups.reconcile(local);
    // Another writer can change the run between the read and the move while it still waits for
    // the same answer (recovery moving a dead node's PAUSED run to SUSPENDED, a state message):
    // the answer is still for it, so the move is tried again on a fresh read, a few times.
    for (let tries = 1; ; tries++) {
      const resumed = await this.attempt(run, input, key, who, request);
      if (resumed) return resumed;
      const current = await this.store.findRun(runId);
      const maxTries = run.inputRequest?.approvals ? MAX_APPROVAL_TRIES : MAX_TRIES;
      if (!current || tries >= maxTries || !stillAwaits(current, run)) {
        throw new RunNotPausedError(runId, current?.state ?? 'gone');
      }
      run = current;
    }
  }

  /** Validates against `run`'s request and tries the guarded move; null when the run moved first. */
  private async attempt(
    run: FlowRun,
    input: unknown,
    key: string | null | undefined,
    { resumedBy, roles, inputType, checkedPause }: Answerer,
    clientRequest: RequestToStore | null,
  ): Promise<FlowRun | null> {
    const request = run.inputRequest;
    if (!WAITING_STATES.includes(run.state) || !request) throw new RunNotPausedError(run.id, run.state);
    if (key && key !== request.key) throw new InputKeyMismatchError(run.id, request.key, key);
    // The caller was allowed to answer the pause it saw; the run went on to another meanwhile.
    if (checkedPause && checkedPause !== request.key) throw new RunNotPausedError(run.id, run.state);
    if (pauseExpired(run)) {
      // Too late: the answer is refused and the timeout applied now (a lost race: someone else did).
      await this.expiry.expire(run).catch(() => null);
      throw new PauseExpiredError(run.id, request.key, run.pauseExpiresAt!);
    }
    // An answer that cannot count is refused before its input is looked at.
    if (request.approvals) this.approvals.admit(run, request, resumedBy, roles);

    const { inputClass, answer } = this.chooseClass(run, request, input, inputType);
    const value = inputClass ? await this.validate(inputClass, answer, request.initialData, run) : checkNoInput(answer);
    this.tracer.event('nestflow.resume.validated', { 'nestflow.input_type': inputClass?.name });
    const plain = value === undefined ? null : instanceToPlain(value);
    const to = run.state === FlowRunState.PAUSED ? FlowRunState.RUNNING : FlowRunState.SCHEDULED;
    // The resume's trace goes with the run: the flow's next steps continue it, on any node.
    const traceContext = this.tracer.store();
    if (request.approvals) {
      const title = inputClass ? titleOfClasses([inputClass]) : requestTitle(request);
      const answer = { inputType: inputClass?.name ?? null, value: plain, principal: resumedBy, roles, title };
      return this.approvals.record(run, request, answer, { to, traceContext: traceContext ?? null, clientRequest });
    }
    const outcome = this.journal.pauseOutcome(request, {
      inputType: inputClass?.name ?? null,
      value: plain,
      principal: resumedBy,
      request: clientRequest ? { ...clientRequest, inputKey: request.key } : undefined,
    });
    const message = answeredMessage(resumedBy, inputClass ? titleOfClasses([inputClass]) : requestTitle(request));
    const resumed = await this.transitions.resume(run, to, outcome, message, traceContext ? { traceContext } : {});
    if (resumed) this.tracer.event('nestflow.resume.stored', { 'nestflow.state': resumed.state });
    if (resumed) this.active.get(run.id)?.settleWaiter({ run: resumed, value });
    return resumed;
  }

  /**
   * The class this answer is for, and the answer without the field naming it: a choice names
   * its class in `inputType`, or the caller does (typed calls); an answer to one class may name
   * it too (typed GraphQL answers always do), unless that class has a field `inputType` of its own.
   */
  private chooseClass(
    run: FlowRun,
    request: InputRequest,
    input: unknown,
    inputType: string | null,
  ): { inputClass: InputClass | null; answer: unknown } {
    const names = request.inputTypes?.length ? request.inputTypes : request.inputType ? [request.inputType] : [];
    if (inputType !== null) expectInputType(inputType, names);
    if (!request.inputType) return { inputClass: null, answer: input };
    const choice = names.length > 1 && inputType === null ? pickInputType(input, names) : null;
    const name = inputType ?? choice?.name ?? request.inputType;
    const waiting = this.active.get(run.id)?.waiter?.inputClasses.find((candidate) => candidate.name === name);
    const inputClass = waiting ?? this.inputTypes.get(name);
    if (!inputClass) throw new UnknownInputTypeError(name);
    if (choice) return { inputClass, answer: choice.rest };
    return { inputClass, answer: namesItsClass(input, inputClass) ? pickInputType(input, [name]).rest : input };
  }

  private async validate(
    inputClass: InputClass,
    input: unknown,
    initialData: Record<string, unknown> | null,
    { id: runId, flowName }: FlowRun,
  ) {
    try {
      return await validateInput(inputClass, input, initialData);
    } catch (error) {
      if (error instanceof InputValidationError) {
        this.metrics.inputRefused(flowName, inputClass.name);
        throw new InputValidationError(error.violations, error.inputType, runId);
      }
      throw error;
    }
  }
}

/** Who answers, as `resume` was given it. */
interface Answerer {
  resumedBy: string | null;
  roles: readonly string[];
  inputType: string | null;
  checkedPause: string | null;
}

/** The history line of an answer: 'Answered by alice: Shirt order', or 'Answered: Shirt order' when anonymous. */
function answeredMessage(principal: string | null, title: string): string {
  return principal ? `Answered by ${principal}: ${title}` : `Answered: ${title}`;
}

/** A pause without `waitForInput` accepts no input (null, or an empty object). */
function checkNoInput(input: unknown): undefined {
  const empty =
    input === undefined || input === null || (typeof input === 'object' && !Array.isArray(input) && !Object.keys(input).length);
  if (!empty) {
    throw new InputValidationError([{ path: '', constraints: { noInput: 'this pause takes no input; resume with none' } }], null);
  }
  return undefined;
}

/** `input` has an `inputType` field that is not one of `inputClass`'s own fields. */
function namesItsClass(input: unknown, inputClass: InputClass): boolean {
  if (!input || typeof input !== 'object' || !Object.hasOwn(input, INPUT_TYPE_FIELD)) return false;
  const properties = inputClass.jsonSchema().properties as Record<string, unknown> | undefined;
  return !properties || !Object.hasOwn(properties, INPUT_TYPE_FIELD);
}

/** `current` still waits for the answer `read` asked for: the same pause, in a waiting state. */
function stillAwaits(current: FlowRun, read: FlowRun): boolean {
  return WAITING_STATES.includes(current.state) && current.inputRequest?.key === read.inputRequest?.key;
}
