import { Inject, Injectable, Logger } from '@nestjs/common';
import { EVENT_BUS, type EventBus } from '../events/event-bus.js';
import { PauseTimerStore } from '../persistence/pause-timer.store.js';
import { advanceTimers } from '../domain/pause-timers.js';
import type { FlowRun } from '../domain/flow-run.js';

/** Due pauses taken per sweep; the next sweep goes on. */
const BATCH = 100;

/**
 * Announces the reminders and escalations of waiting pauses (`pauseFlowRun({ remind, escalate })`)
 * as they fall due, from the sweeper of every node: `run.paused` with a `notice`, to this node's
 * `@OnFlowRunPaused` handlers and webhooks. Each is claimed in the store before it is announced,
 * so across nodes and restarts it is announced at most once: never twice, but a node that dies
 * between the claim and the announcement loses that one (the next reminder still comes).
 */
@Injectable()
export class PauseReminderSweeper {
  private readonly logger = new Logger('nestflow:reminders');

  constructor(
    private readonly timers: PauseTimerStore,
    @Inject(EVENT_BUS) private readonly bus: EventBus,
  ) {}

  /** One pass: what is due at `now` is claimed and announced (runs that stopped waiting get their timers cleared). */
  async sweep(now = Date.now()): Promise<number> {
    let announced = 0;
    for (const run of await this.timers.findDue(new Date(now), BATCH)) {
      announced += (await this.fire(run, now).catch((error: Error) => this.failed(run, error))) ? 1 : 0;
    }
    return announced;
  }

  private async fire(run: FlowRun, now: number): Promise<boolean> {
    const { timers, notice } = advanceTimers(run, now);
    // Claimed before it is announced: a lost claim (another node, an answer) announces nothing.
    if (!(await this.timers.claim(run, timers)) || !notice) return false;
    this.bus.publishLocally({ type: 'run.paused', runId: run.id, flowName: run.flowName, run: { ...run, ...timers }, notice });
    return true;
  }

  private failed(run: FlowRun, error: Error): false {
    this.logger.warn(`Could not announce the reminder of run ${run.id}: ${error.message}`);
    return false;
  }
}
