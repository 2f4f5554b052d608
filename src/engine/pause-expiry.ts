import { Inject, Injectable, Logger, type BeforeApplicationShutdown } from '@nestjs/common';
import { NESTFLOW_METRICS, type NestflowMetrics } from '../observability/nestflow-metrics.js';
import { rebuildInput } from '../inputs/input-validator.js';
import { PAUSE_STATES } from '../persistence/expired-pauses.js';
import { NodeStore } from '../persistence/node.store.js';
import { RunStore } from '../persistence/run.store.js';
import { PauseTimeoutError } from '../domain/errors/pause-timeout.error.js';
import { FlowRunState } from '../domain/flow-run-state.js';
import type { FlowRun } from '../domain/flow-run.js';
import type { ApprovalsOutcome } from '../domain/approvals.js';
import { pauseRequestedAt, type InputRequest, type TimeoutDefault } from '../domain/input-request.js';
import { pauseExpired } from '../domain/pause-deadline.js';
import { serializeError } from '../domain/serialized-error.js';
import { ActiveRuns } from './active-runs.js';
import { StepJournal } from './replay/step.journal.js';
import { RunTransitions } from './run-transitions.js';

/** Expired pauses a read that skipped them expires in the background, per round. */
const BATCH = 100;
/** Fresh reads of a run a read found expired, when other writers keep moving it first. */
const MAX_TRIES = 3;

/**
 * Applies a pause's timeout from what the pause stored (no flow code needed, so on any node): it
 * fails (PAUSED: the timeout is recorded and the run goes back to RUNNING, where the flow gets
 * PauseTimeoutError; SUSPENDED: FAILED), or it resumes with the default answer stored in the
 * request (outcome `timeout-default`; PAUSED -> RUNNING, SUSPENDED -> SCHEDULED for a replay).
 * Each is one guarded move: the holder's timer, the sweeper, a read and a late resume may race,
 * and only one wins. The holder in this process is woken here, one elsewhere by the move's event.
 */
@Injectable()
export class PauseExpiry implements BeforeApplicationShutdown {
  private readonly logger = new Logger('nestflow:expiry');
  private pending: Promise<void> | null = null;
  private closing = false;

  constructor(
    private readonly transitions: RunTransitions,
    private readonly journal: StepJournal,
    private readonly active: ActiveRuns,
    private readonly nodes: NodeStore,
    private readonly store: RunStore,
    @Inject(NESTFLOW_METRICS) private readonly metrics: NestflowMetrics,
  ) {}

  /** Applies the timeout of `run`'s pause; null when the run is not waiting or another writer moved it first. */
  async expire(run: FlowRun): Promise<FlowRun | null> {
    const request = run.inputRequest;
    if (!request || !PAUSE_STATES.includes(run.state)) return null;
    if (request.onTimeout?.then === 'resume') return this.resumeWithDefault(run, request, request.onTimeout);
    return run.state === FlowRunState.PAUSED ? this.timeOut(run, request) : this.fail(run, request);
  }

  /**
   * The run as a reader may see it: one still waiting past its deadline is expired first (a lost
   * race means another writer moved it: read again), so it never reads as waiting.
   */
  async current(run: FlowRun): Promise<FlowRun | null> {
    let read: FlowRun | null = run;
    for (let tries = 0; read && pauseExpired(read) && tries < MAX_TRIES; tries++) {
      const id: string = read.id;
      const moved: FlowRun | null = await this.expire(read).catch((error: Error) => {
        this.logger.warn(`Could not expire the pause of run ${id}: ${error.message}`);
        return null;
      });
      read = moved ?? (await this.store.findRun(id));
    }
    return read;
  }

  /**
   * Expires, in the background, the pauses past their deadline that a list left out: the
   * response does not wait for it; one round at a time per process.
   */
  expireDueLater(): void {
    if (this.pending || this.closing) return;
    this.pending = this.expireDue()
      .catch((error: Error) => this.logger.warn(`Could not expire due pauses: ${error.message}`))
      .finally(() => (this.pending = null));
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.closing = true;
    await this.pending;
  }

  private async expireDue(): Promise<void> {
    const due = await this.nodes.findExpiredPauses(new Date(), BATCH, PAUSE_STATES);
    for (const run of due) {
      if (this.closing) return;
      await this.expire(run).catch(() => null); // the next read or sweep tries again
    }
  }

  private async resumeWithDefault(run: FlowRun, request: InputRequest, answer: TimeoutDefault): Promise<FlowRun | null> {
    if (request.approvals) return this.resumeWithApprovals(run, request);
    const to = run.state === FlowRunState.PAUSED ? FlowRunState.RUNNING : FlowRunState.SCHEDULED;
    const message = `Pause "${request.key}" timed out after ${request.timeout ?? 0} s: went on with the default answer`;
    const moved = await this.transitions.resume(run, to, this.journal.pauseOutcome(request, { timeoutDefault: answer }), message);
    const context = moved && this.waiterOf(run.id, request.key);
    if (moved && context) {
      const inputClass = context.waiter?.inputClasses.find((candidate) => candidate.name === answer.inputType);
      context.settleWaiter({ run: moved, value: inputClass ? rebuildInput(inputClass, answer.value) : undefined });
    }
    return moved;
  }

  /**
   * An approvals pause goes on with the answers given by the deadline (read from the run this
   * move is guarded on, so an answer that lands first is among them, one that lands later is
   * refused), stored as its `timeout-default` outcome; the flow gets them with `timedOut`.
   */
  private async resumeWithApprovals(run: FlowRun, request: InputRequest): Promise<FlowRun | null> {
    const to = run.state === FlowRunState.PAUSED ? FlowRunState.RUNNING : FlowRunState.SCHEDULED;
    const { answers, required } = request.approvals!;
    const outcome: ApprovalsOutcome = { answers, rejected: false, timedOut: true };
    const given = answers.length ? ` (${answers.map((answer) => answer.principal).join(', ')})` : '';
    const message = `Pause "${request.key}" timed out after ${request.timeout ?? 0} s: went on with ${answers.length} of ${required} approvals${given}`;
    const stored = this.journal.pauseOutcome(request, {
      timeoutDefault: { then: 'resume', inputType: request.inputType, value: outcome as unknown as Record<string, unknown> },
    });
    const moved = await this.transitions.resume(run, to, stored, message);
    if (moved) this.waiterOf(run.id, request.key)?.settleWaiter({ run: moved, value: outcome });
    return moved;
  }

  /** A PAUSED run: the timeout is recorded and the run goes back to RUNNING; the flow gets PauseTimeoutError. */
  private async timeOut(run: FlowRun, request: InputRequest): Promise<FlowRun | null> {
    const timeout = request.timeout ?? 0;
    const outcome = this.journal.pauseOutcome(request, { timeout: true });
    const moved = await this.transitions.resume(
      run,
      FlowRunState.RUNNING,
      outcome,
      `Pause "${request.key}" timed out after ${timeout} s`,
    );
    if (moved)
      this.waiterOf(run.id, request.key)?.settleWaiter({
        run: moved,
        error: new PauseTimeoutError(run.id, request.key, timeout),
      });
    return moved;
  }

  /** A SUSPENDED run (its flow is in no memory): FAILED with PauseTimeoutError. */
  private async fail(run: FlowRun, request: InputRequest): Promise<FlowRun | null> {
    const error = new PauseTimeoutError(run.id, request.key, request.timeout ?? 0);
    const failed = await this.transitions.move(run, FlowRunState.FAILED, `Pause "${request.key}" timed out: ${error.message}`, {
      error: serializeError(error),
      inputRequest: null,
      leaseOwner: null,
    });
    const requested = pauseRequestedAt(request);
    if (failed && requested !== null) this.metrics.inputWaited(run.flowName, (Date.now() - requested) / 1000);
    return failed;
  }

  /** The run's context in this process, when it waits there in memory for the pause keyed `key`. */
  private waiterOf(runId: string, key: string) {
    const context = this.active.get(runId);
    return context?.waiter?.key === key ? context : undefined;
  }
}
