import type { EventBus } from '../events/event-bus.js';
import type { EventOf, NestflowEventType } from '../events/nestflow-event.js';
import { TooManyUnreadEventsError } from '../domain/errors/too-many-unread-events.error.js';

const SKIP = Symbol('skip');
/**
 * Events one subscription may hold unread. A client that stops reading stalls graphql-ws's
 * send, so its events would otherwise pile up here without end (each holds a run).
 */
export const MAX_UNREAD_EVENTS = 256;

/**
 * An async iterator over bus events for one GraphQL subscription. Events queue (in order)
 * while the consumer is busy; an event whose `map` fails is dropped, not fatal to the
 * subscription; `return()` (client unsubscribed or socket closed) removes the listener. More
 * than MAX_UNREAD_EVENTS waiting ends the subscription with TooManyUnreadEventsError.
 */
export function eventIterator<T extends NestflowEventType, R>(
  bus: EventBus,
  type: T,
  accept: (event: EventOf<T>) => boolean,
  map: (event: EventOf<T>) => R | Promise<R>,
): AsyncIterableIterator<R> {
  const queue: Array<Promise<R | typeof SKIP>> = [];
  let wake: (() => void) | undefined;
  let done = false;
  let overflowed = false;
  const off = bus.subscribe(type, (event) => {
    if (!accept(event) || overflowed) return;
    if (queue.length >= MAX_UNREAD_EVENTS) {
      overflowed = true;
      off();
      queue.length = 0;
      wake?.();
      return;
    }
    queue.push(
      Promise.resolve()
        .then(() => map(event))
        .catch(() => SKIP),
    );
    wake?.();
  });
  const finish = (): Promise<IteratorResult<R>> => {
    if (!done) {
      done = true;
      off();
      queue.length = 0;
      wake?.();
    }
    return Promise.resolve({ value: undefined, done: true });
  };
  const next = async (): Promise<IteratorResult<R>> => {
    while (!done) {
      if (overflowed) {
        await finish();
        throw new TooManyUnreadEventsError(MAX_UNREAD_EVENTS);
      }
      const item = queue.shift();
      if (!item) {
        await new Promise<void>((resolve) => (wake = resolve));
        wake = undefined;
        continue;
      }
      const value = await item;
      if (value !== SKIP && !done) return { value, done: false };
    }
    return { value: undefined, done: true };
  };
  return {
    next,
    return: finish,
    throw: (error?: unknown) => finish().then(() => Promise.reject(error)),
    [Symbol.asyncIterator]() {
      return this;
    },
  };
}
