import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import type { EventBus } from '../../src/events/event-bus.js';
import type { NestflowEventType } from '../../src/events/nestflow-event.js';
import { eventually } from './graphql-app.js';

/* eslint-disable @typescript-eslint/no-explicit-any -- responses are checked by the tests' expects */

/** An error as a client sees it. */
export interface GqlError {
  message: string;
  path?: Array<string | number>;
  extensions?: Record<string, any>;
}

/** A GraphQL response: `data` and/or `errors`. */
export interface GqlResult<T = any> {
  data?: T | null;
  errors?: GqlError[];
}

type Variables = Record<string, unknown>;

/** POST /graphql with a JSON body; any HTTP status is returned as the body it carries. */
export async function gql<T = any>(url: string, query: string, variables?: Variables): Promise<GqlResult<T>> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query, variables }),
  });
  const text = await response.text();
  try {
    return JSON.parse(text) as GqlResult<T>;
  } catch {
    throw new Error(`HTTP ${response.status} with a body that is not JSON: ${text.slice(0, 300)}`);
  }
}

/** Like `gql`, but returns `data` and fails on any error. */
export async function gqlData<T = any>(url: string, query: string, variables?: Variables): Promise<T> {
  const result = await gql<T>(url, query, variables);
  if (result.errors?.length || !result.data) {
    throw new Error(`Unexpected GraphQL errors: ${JSON.stringify(result.errors ?? result)}`);
  }
  return result.data;
}

/** A real graphql-ws client that never retries (a closed server must not keep the test alive). */
export function wsClient(url: string): Client {
  return createClient({ url, webSocketImpl: WebSocket, retryAttempts: 0, lazy: true });
}

/** One query or mutation over the socket: the single result of the operation. */
export async function wsExecute<T = any>(client: Client, query: string, variables?: Variables): Promise<GqlResult<T>> {
  const queue = subscribe<T>(client, query, variables);
  try {
    return await queue.next();
  } finally {
    queue.unsubscribe();
  }
}

/** A subscription as a queue of results: `await next()` the next one, within a timeout. */
export interface SubscriptionQueue<T> {
  /** The next result (data or execution errors); rejects on protocol errors, completion or timeout. */
  next(timeoutMs?: number): Promise<GqlResult<T>>;
  /** `data` of the next result; fails when it carries errors. */
  nextData(timeoutMs?: number): Promise<T>;
  /** Results received and not taken yet. */
  readonly pending: number;
  /** Sends `complete` to the server (idempotent). */
  unsubscribe(): void;
}

type Item<T> = { result: GqlResult<T> } | { error: unknown } | { done: true };

/** Starts `query` on `client`. Use `subscribeReady` when events may fire right away. */
export function subscribe<T = any>(client: Client, query: string, variables?: Variables): SubscriptionQueue<T> {
  const items: Array<Item<T>> = [];
  let wake: (() => void) | undefined;
  const push = (item: Item<T>) => {
    items.push(item);
    wake?.();
  };
  const dispose = client.subscribe<T>(
    { query, variables },
    {
      next: (result) => push({ result: result as GqlResult<T> }),
      error: (error) => push({ error }),
      complete: () => push({ done: true }),
    },
  );
  const next = async (timeoutMs = 5000): Promise<GqlResult<T>> => {
    let timer: NodeJS.Timeout | undefined;
    try {
      while (!items.length) {
        await new Promise<void>((resolve, reject) => {
          wake = resolve;
          timer = setTimeout(
            () => reject(new Error(`No result within ${timeoutMs} ms for: ${query.trim().slice(0, 80)}`)),
            timeoutMs,
          );
        });
        clearTimeout(timer);
      }
    } finally {
      clearTimeout(timer);
      wake = undefined;
    }
    const item = items[0];
    if ('done' in item) throw new Error(`Subscription completed: ${query.trim().slice(0, 80)}`);
    items.shift();
    if ('error' in item) throw new Error(`Subscription failed: ${describe(item.error)}`);
    return item.result;
  };
  return {
    next,
    nextData: async (timeoutMs) => {
      const result = await next(timeoutMs);
      if (result.errors?.length || !result.data) throw new Error(`Unexpected errors: ${JSON.stringify(result.errors)}`);
      return result.data;
    },
    get pending() {
      return items.filter((item) => 'result' in item).length;
    },
    unsubscribe: dispose,
  };
}

/** A subscription the server is known to listen for; `close()` waits until it stopped listening. */
export interface ReadySubscription<T> extends SubscriptionQueue<T> {
  close(): Promise<void>;
}

/**
 * Subscribes and resolves once the server has attached its bus listener for `event`, so an
 * event published after this returns reaches the subscription (graphql-ws has no "subscribed" ack).
 * Close it with `close()`, so the next `subscribeReady` on the same event counts from a settled bus.
 */
export async function subscribeReady<T = any>(
  client: Client,
  bus: EventBus,
  event: NestflowEventType,
  query: string,
  variables?: Variables,
): Promise<ReadySubscription<T>> {
  const before = bus.listenerCount(event);
  const queue = subscribe<T>(client, query, variables);
  await eventually(() => bus.listenerCount(event) > before, `the server to subscribe to ${event}`);
  let closed: Promise<void> | undefined;
  return Object.assign(queue, {
    close: () => {
      if (!closed) {
        const attached = bus.listenerCount(event);
        queue.unsubscribe();
        closed = eventually(() => bus.listenerCount(event) < attached, `the server to drop its ${event} listener`);
      }
      return closed;
    },
  });
}

function describe(error: unknown): string {
  if (error instanceof Error) return error.message;
  if (Array.isArray(error)) return error.map((item: GqlError) => item.message).join('; ');
  if (error && typeof error === 'object' && 'code' in error) {
    const close = error as { code: number; reason?: string };
    return `socket closed ${close.code} ${close.reason ?? ''}`;
  }
  return JSON.stringify(error);
}
