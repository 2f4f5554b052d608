import { CliError } from './cli.error.js';

/** Where the CLI sends its requests and how it identifies itself. */
export interface ServerOptions {
  /** GraphQL endpoint over HTTP(S); the WebSocket URL is derived from it. */
  url: string;
  /** Sent as the `x-api-key` header and as graphql-ws `connectionParams.apiKey`. */
  apiKey?: string;
  /** How long one HTTP request may take. */
  timeoutMs: number;
}

export const DEFAULT_URL = 'http://localhost:3000/graphql';
export const DEFAULT_TIMEOUT_MS = 30_000;

/** `--url` / NESTFLOW_URL, `--api-key` / NESTFLOW_API_KEY; a flag wins over the environment. */
export function serverOptions(flags: { url?: string; apiKey?: string }, env: NodeJS.ProcessEnv = process.env): ServerOptions {
  const url = flags.url ?? (env.NESTFLOW_URL || DEFAULT_URL);
  const parsed = URL.canParse(url) ? new URL(url) : undefined;
  if (!parsed || !['http:', 'https:'].includes(parsed.protocol)) {
    throw CliError.usage(`The server URL must be an http(s) URL such as ${DEFAULT_URL}; got "${url}".`);
  }
  const apiKey = flags.apiKey ?? (env.NESTFLOW_API_KEY || undefined);
  return { url, apiKey, timeoutMs: DEFAULT_TIMEOUT_MS };
}

/** ws(s)://… for the same endpoint: graphql-ws shares the path with HTTP POST. */
export function webSocketUrl(httpUrl: string): string {
  const url = new URL(httpUrl);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  return url.toString();
}
