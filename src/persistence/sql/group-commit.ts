/** One queued item and the promise its caller awaits. */
interface Pending<T, R> {
  item: T;
  resolve(result: R): void;
  reject(error: unknown): void;
}

export interface GroupCommitOptions<T> {
  /** At most this many items per batch. */
  maxBatch: number;
  /** At most this many batches in flight at once (the others queue up and grow). */
  maxInFlight: number;
  /**
   * Items that may not share a batch (the same run moved twice): a later one waits for the next
   * batch. Default: any two may.
   */
  keyOf?: (item: T) => string;
  /**
   * Whether a batch that failed with `error` is retried item by item: only errors that roll the
   * statement back for one item's sake (a unique key taken, a deadlock). Any other error (the
   * connection lost, possibly after the commit) fails every item of the batch with it.
   */
  retryAlone: (error: unknown) => boolean;
}

/**
 * Group commit: items submitted while `maxInFlight` batches are already on their way to the
 * database queue up and go together in the next one, one statement and one commit for all. An
 * item submitted to an idle queue goes at the end of the event loop's current turn, with the
 * items submitted in the same turn: no timer, so no latency is added when the store is not
 * busy; under load the batches grow by themselves.
 *
 * `runBatch` gets two or more items and returns one result per item, in order; `runOne` gets a
 * lone item. If `runBatch` fails with an error `retryAlone` accepts, the batch's items are run
 * one by one (`runOne`), so one item that fails (a unique key taken) fails only its own caller.
 */
export class GroupCommit<T, R> {
  private queue: Array<Pending<T, R>> = [];
  private inFlight = 0;
  private scheduled = false;

  constructor(
    private readonly runOne: (item: T) => Promise<R>,
    private readonly runBatch: (items: T[]) => Promise<R[]>,
    private readonly options: GroupCommitOptions<T>,
  ) {}

  submit(item: T): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      this.schedule();
    });
  }

  /**
   * The next batch leaves once the current turn of the event loop is done, so every item
   * submitted in it (the flows a finished batch woke up) goes in one batch.
   */
  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      this.next();
    });
  }

  private next(): void {
    while (this.inFlight < this.options.maxInFlight && this.queue.length) {
      const batch = this.take();
      this.inFlight++;
      void this.run(batch).finally(() => {
        this.inFlight--;
        this.schedule();
      });
    }
  }

  /** The next batch: queued items in order, skipping any whose key is already in it. */
  private take(): Array<Pending<T, R>> {
    const { keyOf, maxBatch } = this.options;
    if (!keyOf) return this.queue.splice(0, maxBatch);
    const keys = new Set<string>();
    const batch: Array<Pending<T, R>> = [];
    const rest: Array<Pending<T, R>> = [];
    for (const pending of this.queue) {
      const key = keyOf(pending.item);
      if (batch.length < maxBatch && !keys.has(key)) {
        keys.add(key);
        batch.push(pending);
      } else rest.push(pending);
    }
    this.queue = rest;
    return batch;
  }

  private async run(batch: Array<Pending<T, R>>): Promise<void> {
    if (batch.length > 1) {
      try {
        const results = await this.runBatch(batch.map((pending) => pending.item));
        batch.forEach((pending, index) => pending.resolve(results[index]));
        return;
      } catch (error) {
        if (!this.options.retryAlone(error)) {
          batch.forEach((pending) => pending.reject(error));
          return;
        }
        // The statement rolled back as a whole: each item is tried alone below.
      }
    }
    await Promise.all(
      batch.map((pending) =>
        this.runOne(pending.item).then(
          (result) => pending.resolve(result),
          (error: unknown) => pending.reject(error),
        ),
      ),
    );
  }
}
