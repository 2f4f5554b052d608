import { createClient, type ExecutionResult } from 'graphql-ws';
import { session } from '../auth/session';
import { config } from '../config';
import { connection } from './connection';
import { GraphqlRequestError, OfflineError } from './graphql-request.error';
import { FLOWS } from './operations';

type Variables = Record<string, unknown>;

/**
 * graphql-ws closes a connection the server refused at connection_init with one of these; an
 * HTTP request then tells whether it was for want of credentials (it marks sign-in as needed).
 */
const REFUSED_CLOSE_CODES = new Set([4401, 4403]);

interface RequestOptions {
  /** Try this key instead of the tab's (the sign-in screen checks a key before keeping it). */
  apiKey?: string;
}

/**
 * A query or mutation over HTTP; rejects with GraphqlRequestError on any GraphQL error and
 * OfflineError when the server cannot be reached. Sends the tab's API key (`x-api-key`) and the
 * same-origin cookies, for a host `authenticate` reading its own session.
 */
export async function request<T>(query: string, variables?: Variables, options: RequestOptions = {}): Promise<T> {
  const key = options.apiKey ?? session.get().key;
  let response: Response;
  try {
    response = await fetch(config.graphqlHttpUrl, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'content-type': 'application/json', accept: 'application/json', ...(key ? { 'x-api-key': key } : {}) },
      body: JSON.stringify({ query, variables }),
    });
  } catch {
    throw new OfflineError();
  }
  const body = (await response.json().catch(() => null)) as ExecutionResult<T> | null;
  if (!body) {
    if (response.status >= 502 && response.status <= 504) throw new OfflineError(); // a proxy before a restarting app
    throw new Error(`The server answered HTTP ${response.status}.`);
  }
  if (body.errors?.length) {
    const error = new GraphqlRequestError(body.errors[0]);
    if (error.code === 'UNAUTHENTICATED' && options.apiKey === undefined) session.refused(key);
    throw error;
  }
  if (!body.data) throw new Error('The server answered without data.');
  return body.data;
}

/**
 * One socket for every live view; it reconnects for as long as the page is open, quickly (0.5
 * to 2 s, not graphql-ws's exponential backoff, so a restarted server is back within seconds),
 * and while sign-in is needed it waits for it instead of knocking again.
 */
const wsClient = createClient({
  url: config.graphqlWsUrl,
  lazy: true,
  retryAttempts: Number.POSITIVE_INFINITY,
  shouldRetry: () => true,
  connectionParams: () => {
    const key = session.get().key;
    return key ? { apiKey: key } : {};
  },
  retryWait: async () => {
    if (session.get().needed) await session.whenSignedIn();
    else await new Promise((resolve) => setTimeout(resolve, 500 + Math.random() * 1500));
  },
  on: {
    // Every connect (the first too) reloads the live views: a change between a view's first
    // query and the moment the stream was up would otherwise be missed until the next one.
    connected: () => connection.set('live', true),
    closed: (event) => {
      const code = (event as { code?: number } | undefined)?.code;
      if (code !== undefined && REFUSED_CLOSE_CODES.has(code)) request(FLOWS).catch(() => undefined);
      connection.set('offline');
    },
    connecting: () => connection.set('connecting'),
  },
});

// Signing out drops the socket at once; it reconnects as whoever signs in next.
let lastKey = session.get().key;
session.subscribe(() => {
  const { key } = session.get();
  if (key !== lastKey && key === null) wsClient.terminate();
  lastKey = key;
});

/** Starts a subscription; returns the function that stops it. `onError` gets GraphQL errors. */
export function subscribe<T>(
  query: string,
  variables: Variables,
  onData: (data: T) => void,
  onError: (error: unknown) => void = (error) => console.warn('nestflow subscription failed', error),
): () => void {
  return wsClient.subscribe<T>(
    { query, variables },
    {
      next: (result) => result.data && onData(result.data as T),
      error: onError,
      complete: () => undefined,
    },
  );
}
