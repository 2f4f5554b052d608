import type { EventBus } from '../events/event-bus.js';
import type { EventOf, NestflowEventType } from '../events/nestflow-event.js';

/**
 * An async iterator over bus events for one GraphQL subscription. Events queue while the
 * consumer is busy; `return()` (client unsubscribed or socket closed) removes the listener.
 */
export function eventIterator<T extends NestflowEventType, R>(
  bus: EventBus,
  type: T,
  accept: (event: EventOf<T>) => boolean,
  map: (event: EventOf<T>) => R | Promise<R>,
): AsyncIterableIterator<R> {
  const queue: Array<Promise<R>> = [];
  const waiting: Array<(result: IteratorResult<R>) => void> = [];
  let done = false;
  const off = bus.subscribe(type, (event) => {
    if (!accept(event)) return;
    const value = Promise.resolve(map(event));
    const next = waiting.shift();
    if (next) void value.then((resolved) => next({ value: resolved, done: false }));
    else queue.push(value);
  });
  const finish = (): Promise<IteratorResult<R>> => {
    if (!done) {
      done = true;
      off();
      waiting.splice(0).forEach((resolve) => resolve({ value: undefined, done: true }));
      queue.length = 0;
    }
    return Promise.resolve({ value: undefined, done: true });
  };
  return {
    next: () => {
      if (done) return Promise.resolve({ value: undefined, done: true });
      const queued = queue.shift();
      if (queued) return queued.then((value) => ({ value, done: false }));
      return new Promise((resolve) => waiting.push(resolve));
    },
    return: finish,
    throw: (error?: unknown) => finish().then(() => Promise.reject(error)),
    [Symbol.asyncIterator]() {
      return this;
    },
  };
}
