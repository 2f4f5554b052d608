import { Inject, Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import type { FlowRun } from '../domain/flow-run.js';
import { WAITING_STATES } from '../domain/state-machine.js';
import { EVENT_BUS, type EventBus } from '../events/event-bus.js';

/** Waiting runs remembered at most; the oldest remembered is forgotten first. */
const MAX_SNAPSHOTS = 1000;

/**
 * The latest snapshot of each waiting run this node heard of (its own events and other nodes'
 * NOTIFY): a resume of a run held elsewhere can try it before reading the store. The resume's
 * guarded move proves it current (every write bumps the version); one that fails for any
 * reason is done again on a fresh read, so a stale snapshot costs a try, never a wrong answer.
 */
@Injectable()
export class RunSnapshots implements OnModuleInit, OnModuleDestroy {
  private readonly waiting = new Map<string, FlowRun>();
  private off?: () => void;

  constructor(@Inject(EVENT_BUS) private readonly bus: EventBus) {}

  onModuleInit(): void {
    this.off = this.bus.subscribe('run.state', (event) => event.run && this.remember(event.run));
  }

  onModuleDestroy(): void {
    this.off?.();
  }

  /** The waiting run's latest snapshot seen here, if any. */
  get(runId: string): FlowRun | undefined {
    return this.waiting.get(runId);
  }

  private remember(run: FlowRun): void {
    const known = this.waiting.get(run.id);
    if (known && known.version >= run.version) return;
    this.waiting.delete(run.id);
    if (!WAITING_STATES.includes(run.state)) return;
    this.waiting.set(run.id, run);
    if (this.waiting.size > MAX_SNAPSHOTS) this.waiting.delete(this.waiting.keys().next().value!);
  }
}
