import { Injectable } from '@nestjs/common';
import type { RunContext } from './run-context.js';

/** Runs executing in this process (paused ones included), by id. */
@Injectable()
export class ActiveRuns {
  private readonly contexts = new Map<string, RunContext>();

  add(context: RunContext): void {
    this.contexts.set(context.run.id, context);
  }

  delete(runId: string): void {
    this.contexts.delete(runId);
  }

  get(runId: string): RunContext | undefined {
    return this.contexts.get(runId);
  }

  /** Runs doing work right now (not waiting on a pause): what worker concurrency limits. */
  busyCount(): number {
    let busy = 0;
    for (const context of this.contexts.values()) if (!context.waiter && !context.receiving) busy++;
    return busy;
  }

  size(): number {
    return this.contexts.size;
  }

  all(): RunContext[] {
    return [...this.contexts.values()];
  }
}
