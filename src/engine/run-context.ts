import { AsyncLocalStorage } from 'node:async_hooks';
import type { InputClass } from '../inputs/run-input.js';
import { ExecutionEndedSignal } from './execution-ended.signal.js';
import { NotInFlowRunError } from '../domain/errors/not-in-flow-run.error.js';
import type { FlowRun } from '../domain/flow-run.js';
import type { RunJournal } from './replay/run-journal.js';
import type { RunLogger } from './run-logger.js';
import type { TraceParent } from '../observability/nestflow-tracer.js';

/** How a pause ends: an input (and the run as the resume wrote it), or an error to throw. */
export type WaiterOutcome = { run: FlowRun; value: unknown; error?: undefined } | { run?: FlowRun; error: Error };

/** The pause a run currently awaits in memory. */
export interface Waiter {
  key: string;
  step: number;
  /** Classes the pause accepts (none: it takes no input). */
  inputClasses: InputClass[];
  /** An approvals pause: it is settled with the stored outcome (every answer), rebuilt by the pause. */
  approvals?: boolean;
  settle(outcome: WaiterOutcome): void;
  timer?: NodeJS.Timeout;
}

/** What a run executing in this process carries through its async calls. */
export class RunContext {
  /** The run as last written by this process; guarded updates compare its version. */
  run: FlowRun;
  private currentWaiter: Waiter | null = null;
  private isReceiving = false;
  /** Told when the run starts or stops waiting (ActiveRuns keeps a count, O(1) per question). */
  onWaitingChange?: (waiting: boolean) => void;

  /**
   * Where this execution's next spans hang (tasks, pauses): the run's span, then, after a
   * resume, the resume's wake-up span, so the work an answer sets off is in the answer's trace.
   */
  trace: TraceParent | undefined;

  /** Set when the run was cancelled, timed out, suspended or handed over: the next durable call throws it. */
  stopError: Error | null = null;
  private rejectStopped!: (error: Error) => void;
  /** Rejects when the run is stopped from outside; the runner races the flow against it. */
  readonly stopped = new Promise<never>((_, reject) => (this.rejectStopped = reject));

  constructor(
    run: FlowRun,
    /**
     * The engine services the flow-side functions (pauseFlowRun, receiveInput, …) reach through
     * the context: a `RunExecutorsProvider`, read with `executorsOf(context)`. Not typed here,
     * so the context does not import the executors that import it.
     */
    readonly executors: object,
    readonly logger: RunLogger,
    /** Numbers this execution's durable calls and answers those an earlier execution recorded. */
    readonly journal: RunJournal,
  ) {
    this.run = run;
    this.stopped.catch(() => undefined);
  }

  /** The pause this run awaits in memory, if any. */
  get waiter(): Waiter | null {
    return this.currentWaiter;
  }

  set waiter(waiter: Waiter | null) {
    this.changeWaiting(() => (this.currentWaiter = waiter));
  }

  /** Waiting in receiveInput: like a pause, it does not hold a worker slot. */
  get receiving(): boolean {
    return this.isReceiving;
  }

  set receiving(receiving: boolean) {
    this.changeWaiting(() => (this.isReceiving = receiving));
  }

  /** Waiting on a pause or a receive: not doing work. */
  isWaiting(): boolean {
    return this.currentWaiter !== null || this.isReceiving;
  }

  /** True while the flow re-runs code an earlier execution already ran (its logs are not repeated). */
  isReplaying(): boolean {
    return this.journal.isReplaying();
  }

  /**
   * Runs a durable write of this execution. If it fails (the store is down), the execution ends
   * here with an ExecutionEndedSignal('store-failed'): the runner hands the run back and it
   * replays, instead of the flow seeing a database error.
   */
  async durably<T>(write: () => Promise<T>): Promise<T> {
    try {
      return await write();
    } catch (error) {
      this.stop(new ExecutionEndedSignal('store-failed', this.run.id, { cause: error }));
      throw this.stopError;
    }
  }

  throwIfStopped(): void {
    if (this.stopError) throw this.stopError;
  }

  /** Ends the run's execution here: a waiting pause and the runner's race both see `error`. */
  stop(error: Error, run?: FlowRun): void {
    if (this.stopError) return;
    this.stopError = error;
    if (run) this.run = run;
    this.settleWaiter({ run, error });
    this.rejectStopped(error);
  }

  private changeWaiting(change: () => void): void {
    const before = this.isWaiting();
    change();
    if (before !== this.isWaiting()) this.onWaitingChange?.(!before);
  }

  settleWaiter(outcome: WaiterOutcome): void {
    const waiter = this.waiter;
    if (!waiter) return;
    this.waiter = null;
    clearTimeout(waiter.timer);
    waiter.settle(outcome);
  }
}

const storage = new AsyncLocalStorage<RunContext>();

export function runInContext<T>(context: RunContext, work: () => Promise<T>): Promise<T> {
  return storage.run(context, work);
}

/** The context of the run executing this code, if any. */
export function currentRunContext(): RunContext | undefined {
  return storage.getStore();
}

export function requireRunContext(api: string): RunContext {
  const context = storage.getStore();
  if (!context) throw new NotInFlowRunError(api);
  return context;
}
