import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { CliError, type GraphqlErrorBody } from './cli.error.js';
import { ExitCode } from './exit-codes.js';
import { webSocketUrl, type ServerOptions } from './server.options.js';

/** A subscription and what to do with each result's `data`. */
export interface LiveOperation<T> {
  query: string;
  variables?: Record<string, unknown>;
  onData(data: T): void;
}

export interface LiveOptions {
  /** Called once the server acknowledged the connection (subscriptions are sent right after). */
  onConnected?: () => void;
  /** Aborting ends the subscriptions and resolves the promise. */
  signal: AbortSignal;
}

/** graphql-ws close codes that mean "who are you?" / "not you". */
const AUTH_CLOSE_CODES = new Set([4401, 4403]);

/**
 * Runs `operation` over a graphql-ws connection until `signal` aborts (resolves) or the
 * connection fails or ends (rejects with a CliError). No retries: a watcher that silently
 * reconnected would hide the events it missed.
 */
export function runLive<T>(server: ServerOptions, operation: LiveOperation<T>, options: LiveOptions): Promise<void> {
  return new Promise((resolve, reject) => {
    let connected = false;
    let settled = false;
    const client: Client = createClient({
      url: webSocketUrl(server.url),
      webSocketImpl: withApiKeyHeader(server.apiKey),
      connectionParams: server.apiKey ? { apiKey: server.apiKey } : undefined,
      retryAttempts: 0,
      on: {
        connected: () => {
          connected = true;
          options.onConnected?.();
        },
      },
    });
    let unsubscribe = () => {};
    const settle = (error?: CliError) => {
      if (settled) return;
      settled = true;
      unsubscribe();
      void client.dispose();
      if (error) reject(error);
      else resolve();
    };
    unsubscribe = client.subscribe<T>(
      { query: operation.query, variables: operation.variables },
      {
        next: (result) => {
          if (result.errors?.length) settle(CliError.fromGraphqlErrors(result.errors as GraphqlErrorBody[]));
          else if (result.data) operation.onData(result.data);
        },
        error: (error: unknown) => settle(liveError(error, connected, server.url)),
        complete: () => settle(CliError.unreachable(`The server ended the subscription on ${server.url}.`)),
      },
    );
    if (options.signal.aborted) settle();
    else options.signal.addEventListener('abort', () => settle(), { once: true });
  });
}

/** ws lets a client send headers on the upgrade request; graphql-ws only takes a constructor. */
function withApiKeyHeader(apiKey: string | undefined): typeof WebSocket {
  if (!apiKey) return WebSocket;
  return class extends WebSocket {
    constructor(address: string | URL, protocols?: string | string[]) {
      super(address, protocols, { headers: { 'x-api-key': apiKey } });
    }
  } as typeof WebSocket;
}

/** A sink error is GraphQL errors, a CloseEvent-like `{ code, reason }`, or a socket error. */
function liveError(error: unknown, connected: boolean, url: string): CliError {
  if (Array.isArray(error)) return CliError.fromGraphqlErrors(error as GraphqlErrorBody[]);
  const close = error as { code?: unknown; reason?: string; message?: string };
  if (typeof close?.code === 'number') {
    const reason = close.reason ? `: ${close.reason}` : '';
    if (AUTH_CLOSE_CODES.has(close.code)) {
      return CliError.unauthorized(`The server refused the connection (${close.code}${reason}); check --api-key.`);
    }
    if (close.code >= 4400 && close.code < 4500) {
      return new CliError(
        `The server closed the connection (${close.code}${reason}).`,
        ExitCode.UNEXPECTED,
        `CLOSE_${close.code}`,
      );
    }
    if (connected) return CliError.unreachable(`Lost the connection to ${url} (${close.code}${reason}).`);
  }
  const reason = close?.message || (typeof close?.code === 'string' ? close.code : 'connection failed');
  return CliError.unreachable(`Cannot reach ${url} over WebSocket: ${reason}.`);
}
