import type { Provider } from '@nestjs/common';
import { createClient, type Client } from 'graphql-ws';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import WebSocket from 'ws';
import { DemoModule } from '../../src/demo/demo.module.js';
import {
  FlowRunService,
  type AuthenticationRequest,
  type FlowRun,
  type NestflowModuleOptions,
  type Principal,
} from '../../src/index.js';
import { NESTFLOW_DATA_SOURCE } from '../../src/persistence/data-source.token.js';
import { FlowRunState } from '../../src/domain/flow-run-state.js';
import type { GqlResult } from './gql-client.js';
import { startGraphqlApp, type GraphqlApp } from './graphql-app.js';
import { tempSqlite } from './temp-sqlite.js';

/* eslint-disable @typescript-eslint/no-explicit-any -- responses are checked by the tests' expects */

/** The demo app with security options and extra flows, on a fresh SQLite file. */
export interface SecureApp extends GraphqlApp {
  runs: FlowRunService;
  dataSource: DataSource;
  /** Creates a run in-process and resolves once it is PAUSED. */
  startPaused(flowName: string): Promise<FlowRun>;
  /** `resumed_by` of each stored input of a run, by key. */
  resumedBy(runId: string): Promise<Record<string, string | null>>;
}

export async function startSecureApp(
  options: Omit<NestflowModuleOptions, 'database'>,
  providers: Provider[] = [],
): Promise<SecureApp> {
  const db = tempSqlite();
  const stockPath = process.env.DEMO_STOCK_SQLITE_PATH;
  process.env.DEMO_STOCK_SQLITE_PATH = join(db.dir, 'demo-stock.sqlite');
  let server: GraphqlApp;
  try {
    const nestflow = { ...options, database: { type: 'sqlite' as const, path: db.path } };
    server = await startGraphqlApp({ imports: [DemoModule.forRoot(nestflow, providers)] }, db.cleanup);
  } finally {
    if (stockPath === undefined) delete process.env.DEMO_STOCK_SQLITE_PATH;
    else process.env.DEMO_STOCK_SQLITE_PATH = stockPath;
  }
  const runs = server.app.get(FlowRunService);
  const dataSource = server.app.get<DataSource>(NESTFLOW_DATA_SOURCE);
  return {
    ...server,
    runs,
    dataSource,
    startPaused: async (flowName) => {
      const run = await runs.createFlowRun(flowName);
      return runs.waitForFlowRun(run.id, { states: [FlowRunState.PAUSED], timeout: 5000 });
    },
    resumedBy: async (runId) => {
      const rows = (await dataSource.query('SELECT key, resumed_by FROM flow_run_inputs WHERE run_id = ? ORDER BY id', [
        runId,
      ])) as Array<{
        key: string;
        resumed_by: string | null;
      }>;
      return Object.fromEntries(rows.map((row) => [row.key, row.resumed_by]));
    },
  };
}

/**
 * A `security.authenticate` naming its principal by user: the `x-user` header over HTTP,
 * `connectionParams.user` over graphql-ws; anyone else is anonymous.
 */
export function authenticateByUser(principals: Record<string, Principal>): (request: AuthenticationRequest) => Principal | null {
  return (request) =>
    principals[String(request.kind === 'http' ? request.headers['x-user'] : request.connectionParams?.user)] ?? null;
}

/** POST /graphql with extra headers (an API key, a bearer token). */
export async function gqlWith<T = any>(
  url: string,
  headers: Record<string, string>,
  query: string,
  variables?: Record<string, unknown>,
): Promise<GqlResult<T> & { status: number }> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  return { ...((await response.json()) as GqlResult<T>), status: response.status };
}

/** POST /graphql with a raw body: bytes a JSON client would never send. */
export async function postRaw(url: string, body: string | Uint8Array, headers: Record<string, string> = {}) {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
  const text = await response.text();
  let json: GqlResult | undefined;
  try {
    json = JSON.parse(text) as GqlResult;
  } catch {
    json = undefined;
  }
  return { status: response.status, text, json };
}

/** A graphql-ws client with `connectionParams` (and upgrade headers), never retrying. */
export function wsClientWith(url: string, connectionParams?: Record<string, unknown>, headers?: Record<string, string>): Client {
  const webSocketImpl = headers
    ? class extends WebSocket {
        constructor(address: string | URL, protocols?: string | string[]) {
          super(address, protocols, { headers });
        }
      }
    : WebSocket;
  return createClient({ url, webSocketImpl, retryAttempts: 0, lazy: true, connectionParams });
}

/** `{ code, reason }` of the close that ended a client's first operation, or null if it ran. */
export function closeOf(client: Client, query = '{ flows { name } }'): Promise<{ code: number; reason: string } | null> {
  return new Promise((resolve) => {
    client.subscribe(
      { query },
      {
        next: () => undefined,
        error: (error: unknown) => {
          const close = error as { code?: number; reason?: string };
          resolve(typeof close?.code === 'number' ? { code: close.code, reason: close.reason ?? '' } : null);
        },
        complete: () => resolve(null),
      },
    );
  });
}
