import type { FlowRun } from '../domain/flow-run.js';
import type { ReceiveRequest } from '../domain/receive-request.js';
import type { RunContext } from './run-context.js';

/**
 * A receive that waits at least this long is recorded on the run (visible to every node and
 * client); a shorter one writes nothing, so flows trading messages quickly (ping-pong, the
 * bench's throughput) pay no extra write per message.
 */
export const RECEIVING_VISIBLE_AFTER_MS = 250;

type MarkReceiving = (run: FlowRun, receiving: ReceiveRequest | null) => Promise<FlowRun | null>;

/**
 * Records what a receive waits for once it has waited a moment, and clears it when the receive
 * ends, only if it was recorded. The clear waits for the record, so they land in that order.
 */
export class ReceivingMark {
  private recorded: Promise<boolean> | null = null;
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly context: RunContext,
    private readonly markReceiving: MarkReceiving,
    request: () => ReceiveRequest,
    delayMs = RECEIVING_VISIBLE_AFTER_MS,
  ) {
    this.timer = setTimeout(() => (this.recorded = this.write(request())), delayMs);
    this.timer.unref();
  }

  /** The receive ended (a message, a timeout, a stop): clears what was recorded. */
  async end(): Promise<void> {
    clearTimeout(this.timer);
    if (!this.recorded || !(await this.recorded)) return;
    // A stopped run was moved (cancelled, handed over): the move cleared it already.
    if (!this.context.stopError) await this.write(null);
  }

  private async write(receiving: ReceiveRequest | null): Promise<boolean> {
    try {
      const marked = await this.markReceiving(this.context.run, receiving);
      // Same version: still the run this execution holds (a stop may have replaced it meanwhile).
      if (marked && marked.version === this.context.run.version && !this.context.stopError) this.context.run = marked;
      return marked !== null;
    } catch {
      return false; // a view of the wait only: a failed write changes nothing the flow sees
    }
  }
}
