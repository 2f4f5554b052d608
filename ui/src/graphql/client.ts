import { createClient, type ExecutionResult } from 'graphql-ws';
import { config } from '../config';
import { connection } from './connection';
import { GraphqlRequestError } from './graphql-request.error';

type Variables = Record<string, unknown>;

/** A query or mutation over HTTP; rejects with GraphqlRequestError on any GraphQL error. */
export async function request<T>(query: string, variables?: Variables): Promise<T> {
  const response = await fetch(config.graphqlHttpUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json().catch(() => null)) as ExecutionResult<T> | null;
  if (!body) throw new Error(`GraphQL request failed: HTTP ${response.status}`);
  if (body.errors?.length) throw new GraphqlRequestError(body.errors[0]);
  if (!body.data) throw new Error('GraphQL response without data');
  return body.data;
}

/** One socket for every live view; it reconnects for as long as the page is open. */
const wsClient = createClient({
  url: config.graphqlWsUrl,
  lazy: true,
  retryAttempts: Number.POSITIVE_INFINITY,
  shouldRetry: () => true,
  on: {
    connected: (_socket, _payload, wasRetry) => connection.set('live', wasRetry),
    closed: () => connection.set('offline'),
    connecting: () => connection.set('connecting'),
  },
});

/** Starts a subscription; returns the function that stops it. */
export function subscribe<T>(query: string, variables: Variables, onData: (data: T) => void): () => void {
  return wsClient.subscribe<T>(
    { query, variables },
    {
      next: (result) => result.data && onData(result.data as T),
      error: (error) => console.warn('nestflow subscription failed', error),
      complete: () => undefined,
    },
  );
}
