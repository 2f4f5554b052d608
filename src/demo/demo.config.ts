import type { INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DEFAULT_SQLITE_PATH, type NestflowModuleOptions } from '../nestflow.options.js';

/** nestflow options from the environment: DATABASE_URL (PostgreSQL) or NESTFLOW_SQLITE_PATH. */
export function demoOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): NestflowModuleOptions {
  if (env.DATABASE_URL) return { database: { type: 'postgres', url: env.DATABASE_URL } };
  return { database: { type: 'sqlite', path: env.NESTFLOW_SQLITE_PATH || DEFAULT_SQLITE_PATH } };
}

/**
 * HTTP set-up shared by `npm start` and the e2e tests. The JSON body limit sits above
 * nestflow's own input limit (64 KiB by default) so oversize input gets the GraphQL error
 * that names the limit, not a bare HTTP 413.
 */
export function configureDemoApp(app: INestApplication): void {
  (app as NestExpressApplication).useBodyParser('json', { limit: '1mb' });
  app.enableShutdownHooks();
}
