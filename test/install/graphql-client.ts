import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';

/* eslint-disable @typescript-eslint/no-explicit-any -- responses are checked field by field by the scenario */

export interface GqlResult<T = any> {
  data?: T | null;
  errors?: Array<{ message: string; extensions?: Record<string, any> }>;
}

/** POST /graphql. */
export async function gql<T = any>(baseUrl: string, query: string, variables?: Record<string, unknown>): Promise<GqlResult<T>> {
  const response = await fetch(`${baseUrl}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query, variables }),
  });
  const text = await response.text();
  try {
    return JSON.parse(text) as GqlResult<T>;
  } catch {
    throw new Error(`HTTP ${response.status}, not JSON: ${text.slice(0, 300)}`);
  }
}

/** Like `gql`, failing on any error. */
export async function gqlData<T = any>(baseUrl: string, query: string, variables?: Record<string, unknown>): Promise<T> {
  const result = await gql<T>(baseUrl, query, variables);
  if (result.errors?.length || !result.data) throw new Error(`GraphQL errors: ${JSON.stringify(result.errors ?? result)}`);
  return result.data;
}

/** Paused and suspended runs as the `flowRunPaused` subscription pushes them over graphql-ws. */
export interface PausedFeed {
  /** Resolves with the first pushed run with this id (pushed before or after the call). */
  next(runId: string, timeoutMs?: number): Promise<any>;
  close(): Promise<void>;
}

const PAUSED = 'subscription { flowRunPaused { id flowName state inputRequest { key inputType suspended } } }';

/**
 * Subscribes over graphql-ws, then waits for one query answered on the same socket, so the
 * subscription is in place before the caller starts a run.
 */
export async function openPausedFeed(baseUrl: string): Promise<PausedFeed> {
  const client: Client = createClient({
    url: `${baseUrl.replace(/^http/, 'ws')}/graphql`,
    webSocketImpl: WebSocket,
    retryAttempts: 0,
  });
  const seen: any[] = [];
  const waiters: Array<() => void> = [];
  let failure: Error | undefined;
  const wake = () => waiters.splice(0).forEach((waiter) => waiter());
  const unsubscribe = client.subscribe<any>(
    { query: PAUSED },
    {
      next: (result) => {
        if (result.errors?.length) failure = new Error(`flowRunPaused errors: ${JSON.stringify(result.errors)}`);
        else seen.push(result.data?.flowRunPaused);
        wake();
      },
      error: (error) => {
        failure = error instanceof Error ? error : new Error(`graphql-ws: ${JSON.stringify(error)}`);
        wake();
      },
      complete: () => undefined,
    },
  );
  await new Promise<void>((done, fail) =>
    client.subscribe({ query: '{ __typename }' }, { next: () => undefined, error: fail, complete: done }),
  );
  return {
    async next(runId, timeoutMs = 20_000) {
      const deadline = Date.now() + timeoutMs;
      while (Date.now() < deadline) {
        if (failure) throw failure;
        const run = seen.find((candidate) => candidate?.id === runId);
        if (run) return run;
        await new Promise<void>((done) => {
          waiters.push(done);
          setTimeout(done, 250);
        });
      }
      throw new Error(`no flowRunPaused push for run ${runId} within ${timeoutMs} ms`);
    },
    async close() {
      unsubscribe();
      await client.dispose();
    },
  };
}

/** Opens a graphql-transport-ws socket, sends one `connection_init` of `bytes`, and resolves with the close code. */
export function frameCloseCode(wsUrl: string, bytes: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(wsUrl, 'graphql-transport-ws');
    const timer = setTimeout(() => reject(new Error('the socket stayed open')), 10_000);
    socket.on('open', () => socket.send(JSON.stringify({ type: 'connection_init', payload: { pad: 'x'.repeat(bytes) } })));
    socket.on('close', (code) => {
      clearTimeout(timer);
      resolve(code);
    });
    socket.on('error', () => undefined); // the close follows
  });
}
