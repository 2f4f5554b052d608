import { isUtf8 } from 'node:buffer';
import type { INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { ApiKeyOptions, NestflowSecurityOptions } from '../index.js';
import { DEFAULT_SQLITE_PATH, type NestflowModuleOptions } from '../config/nestflow.options.js';

/** Mutations per minute per client in the demo unless NESTFLOW_RATE_LIMIT says otherwise (0: off). */
export const DEMO_RATE_LIMIT = 600;

/**
 * nestflow options from the environment: DATABASE_URL (PostgreSQL) or NESTFLOW_SQLITE_PATH,
 * and the security settings of `demoSecurityFromEnv`.
 */
export function demoOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): NestflowModuleOptions {
  const security = demoSecurityFromEnv(env);
  if (env.DATABASE_URL) return { database: { type: 'postgres', url: env.DATABASE_URL }, security };
  return { database: { type: 'sqlite', path: env.NESTFLOW_SQLITE_PATH || DEFAULT_SQLITE_PATH }, security };
}

/**
 * NESTFLOW_API_KEYS (comma-separated; unset: authentication off), NESTFLOW_RESUME_TOKEN_SECRET
 * (unset: resume links off) and NESTFLOW_RATE_LIMIT (mutations per minute per client).
 */
export function demoSecurityFromEnv(env: NodeJS.ProcessEnv = process.env): NestflowSecurityOptions {
  const apiKeys = (env.NESTFLOW_API_KEYS ?? '')
    .split(',')
    .map((key) => key.trim())
    .filter(Boolean)
    .map(demoApiKey);
  const perMinute = env.NESTFLOW_RATE_LIMIT ? Number(env.NESTFLOW_RATE_LIMIT) : DEMO_RATE_LIMIT;
  return {
    ...(apiKeys.length ? { apiKeys } : {}),
    ...(env.NESTFLOW_RESUME_TOKEN_SECRET ? { resumeTokenSecret: env.NESTFLOW_RESUME_TOKEN_SECRET } : {}),
    rateLimit: perMinute > 0 ? { mutationsPerMinute: perMinute, burst: perMinute } : false,
  };
}

/**
 * One entry of NESTFLOW_API_KEYS: `key`, or `key=id` to name its principal, or
 * `key=id:role+role` to give it roles too (approvers of the `expense-approval` flow are
 * matched by role: `alice-key=alice:finance,bob-key=bob:cto`).
 */
function demoApiKey(entry: string): string | ApiKeyOptions {
  const at = entry.indexOf('=');
  if (at < 0) return entry;
  const [id, roles = ''] = entry.slice(at + 1).split(':');
  const named = roles.split('+').filter(Boolean);
  return { key: entry.slice(0, at), ...(id ? { id } : {}), ...(named.length ? { roles: named } : {}) };
}

/** Where `npm start` listens, and its base URL for the log. */
export interface DemoListen {
  host: string;
  port: number;
  /** `http://<host>:<port>` (an IPv6 host in brackets). */
  url: string;
}

/**
 * HOST (default `127.0.0.1`: this machine only; `0.0.0.0` in a container, to be reachable from
 * outside it) and PORT (default `3000`).
 */
export function demoListenFromEnv(env: NodeJS.ProcessEnv = process.env): DemoListen {
  const host = env.HOST || '127.0.0.1';
  const port = Number(env.PORT || 3000);
  if (!Number.isInteger(port) || port < 1 || port > 65_535) throw new RangeError(`PORT must be a port number, got "${env.PORT}"`);
  return { host, port, url: `http://${host.includes(':') ? `[${host}]` : host}:${port}` };
}

/**
 * HTTP set-up shared by `npm start` and the e2e tests. The JSON body limit sits above
 * nestflow's own input limit (64 KiB by default) so oversize input gets the GraphQL error
 * that names the limit, not a bare HTTP 413. A body that is not valid UTF-8 is refused (400)
 * instead of being decoded with U+FFFD replacement characters that would then pass validation.
 */
export function configureDemoApp(app: INestApplication): void {
  (app as NestExpressApplication).useBodyParser('json', { limit: '1mb', verify: rejectInvalidUtf8 });
  app.enableShutdownHooks();
}

/** body-parser `verify` hook: a 400 for bytes that are not UTF-8. */
export function rejectInvalidUtf8(_request: unknown, _response: unknown, body: Buffer): void {
  if (!isUtf8(body))
    throw Object.assign(new Error('The request body is not valid UTF-8.'), { status: 400, type: 'encoding.invalid' });
}
