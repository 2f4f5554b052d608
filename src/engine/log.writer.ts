import { Inject, Injectable, Logger } from '@nestjs/common';
import { EVENT_BUS, type EventBus } from '../events/event-bus.js';
import { RunHistoryStore, type NewLogLine } from '../persistence/run-history.store.js';

/**
 * Buffers log lines of all runs and stores them in one insert per tick, in order, then
 * publishes them. Logging never blocks or fails a flow.
 */
@Injectable()
export class LogWriter {
  private readonly logger = new Logger('nestflow:logs');
  private buffer: Array<NewLogLine & { flowName?: string }> = [];
  private pending: Promise<void> = Promise.resolve();
  private flowNames = new Map<string, string>();

  constructor(
    private readonly history: RunHistoryStore,
    @Inject(EVENT_BUS) private readonly bus: EventBus,
  ) {}

  /** Remembers which flow a run belongs to, for the published events. */
  track(runId: string, flowName: string): void {
    this.flowNames.set(runId, flowName);
  }

  untrack(runId: string): void {
    this.flowNames.delete(runId);
  }

  append(line: NewLogLine): void {
    this.buffer.push({ ...line, flowName: this.flowNames.get(line.runId) });
    if (this.buffer.length === 1) this.pending = this.pending.then(() => this.drain());
  }

  /** Resolves once every line appended before the call is stored. */
  flush(): Promise<void> {
    return this.pending;
  }

  private async drain(): Promise<void> {
    const lines = this.buffer;
    this.buffer = [];
    try {
      const stored = await this.history.appendLogs(lines.map(({ flowName: _, ...line }) => line));
      stored.forEach((log, index) =>
        this.bus.publish({ type: 'run.log', runId: log.runId, flowName: lines[index].flowName ?? '', log }),
      );
    } catch (error) {
      this.logger.error(`Could not store ${lines.length} log line(s): ${(error as Error).message}`);
    }
  }
}
