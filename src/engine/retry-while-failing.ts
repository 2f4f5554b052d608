import { setTimeout as sleep } from 'node:timers/promises';

/** How long a write the engine cannot do is retried while the store is down, before giving up. */
export const STORE_RETRY_WINDOW_MS = 30_000;

/**
 * Retries `write` with back-off (100 ms doubling to 2 s) for up to STORE_RETRY_WINDOW_MS; then
 * reports the last error and resolves null.
 */
export async function retryWhileFailing<T>(write: () => Promise<T>, giveUp: (error: Error) => void): Promise<T | null> {
  const deadline = Date.now() + STORE_RETRY_WINDOW_MS;
  for (let delay = 100; ; delay = Math.min(delay * 2, 2000)) {
    try {
      return await write();
    } catch (error) {
      if (Date.now() + delay > deadline) {
        giveUp(error as Error);
        return null;
      }
      await sleep(delay, undefined, { ref: false });
    }
  }
}
