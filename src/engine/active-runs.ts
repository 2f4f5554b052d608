import { Injectable } from '@nestjs/common';
import type { RunContext } from './run-context.js';

/** Runs executing in this process (paused ones included), by id. */
@Injectable()
export class ActiveRuns {
  private readonly contexts = new Map<string, RunContext>();
  /** Runs this process holds: from their claim until their execution here is over (a superset of contexts). */
  private readonly held = new Set<string>();
  /** How many of them wait (pause or receive), kept as they change: asked on every run created. */
  private waiting = 0;

  add(context: RunContext): void {
    this.contexts.set(context.run.id, context);
    if (context.isWaiting()) this.waiting++;
    context.onWaitingChange = (waiting) => (this.waiting += waiting ? 1 : -1);
  }

  delete(runId: string): void {
    const context = this.contexts.get(runId);
    if (!context) return;
    this.contexts.delete(runId);
    context.onWaitingChange = undefined;
    if (context.isWaiting()) this.waiting--;
  }

  hold(runId: string): void {
    this.held.add(runId);
  }

  unhold(runId: string): void {
    this.held.delete(runId);
  }

  /** Runs claimed here whose context is not (or no longer) in memory: loading, or ending. */
  settlingCount(): number {
    return this.held.size - this.contexts.size;
  }

  /** Claimed here and not yet let go: loading, executing, waiting, or handing back. */
  holds(runId: string): boolean {
    return this.held.has(runId);
  }

  get(runId: string): RunContext | undefined {
    return this.contexts.get(runId);
  }

  /** Runs doing work right now (not waiting on a pause): what worker concurrency limits. */
  busyCount(): number {
    return this.contexts.size - this.waiting;
  }

  size(): number {
    return this.contexts.size;
  }

  /** Runs held here waiting in `receiveInput`, by flow (for metrics). */
  receivingByFlow(): Map<string, number> {
    const byFlow = new Map<string, number>();
    for (const context of this.contexts.values()) {
      if (context.receiving) byFlow.set(context.run.flowName, (byFlow.get(context.run.flowName) ?? 0) + 1);
    }
    return byFlow;
  }

  all(): RunContext[] {
    return [...this.contexts.values()];
  }
}
