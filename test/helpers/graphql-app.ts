import 'reflect-metadata';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { INestApplication, ModuleMetadata, Provider } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { configureDemoApp } from '../../src/demo/demo.config.js';
import { DemoModule } from '../../src/demo/demo.module.js';
import { EVENT_BUS, type EventBus } from '../../src/events/event-bus.js';
import type { NestflowModuleOptions } from '../../src/index.js';
import { tempSqlite } from './temp-sqlite.js';

/** A real app listening on 127.0.0.1 with a random port, reachable over HTTP and graphql-ws. */
export interface GraphqlApp {
  app: INestApplication;
  /** http://127.0.0.1:<port>/graphql */
  httpUrl: string;
  /** ws://127.0.0.1:<port>/graphql */
  wsUrl: string;
  bus: EventBus;
  /** Closes the app (HTTP server, ws server, store) and deletes the SQLite file. */
  close(): Promise<void>;
}

/** Starts any module set-up that includes a GraphQLModule, on a port of its own. */
export async function startGraphqlApp(metadata: ModuleMetadata, cleanup: () => void = () => undefined): Promise<GraphqlApp> {
  let app: INestApplication | undefined;
  try {
    const moduleRef = await Test.createTestingModule(metadata).compile();
    app = moduleRef.createNestApplication({ logger: false });
    configureDemoApp(app);
    await app.listen(0, '127.0.0.1');
  } catch (error) {
    await app?.close().catch(() => undefined);
    cleanup();
    throw error;
  }
  const started = app;
  const { port } = started.getHttpServer().address() as AddressInfo;
  return {
    app: started,
    httpUrl: `http://127.0.0.1:${port}/graphql`,
    wsUrl: `ws://127.0.0.1:${port}/graphql`,
    bus: started.get<EventBus>(EVENT_BUS),
    close: async () => {
      try {
        await started.close();
      } finally {
        cleanup();
      }
    },
  };
}

/**
 * The demo app (`npm start`) on a fresh temp SQLite file. The demo's stand-in inventory
 * (DEMO_STOCK_SQLITE_PATH, read when the app is built) goes into the same temp dir, not ./data.
 */
export async function startDemoApp(
  options: Omit<NestflowModuleOptions, 'database'> = {},
  extraProviders: Provider[] = [],
): Promise<GraphqlApp> {
  const db = tempSqlite();
  const nestflow: NestflowModuleOptions = { ...options, database: { type: 'sqlite', path: db.path } };
  const stockPath = process.env.DEMO_STOCK_SQLITE_PATH;
  process.env.DEMO_STOCK_SQLITE_PATH = join(db.dir, 'demo-stock.sqlite');
  try {
    return await startGraphqlApp({ imports: [DemoModule.forRoot(nestflow, extraProviders)] }, db.cleanup);
  } finally {
    if (stockPath === undefined) delete process.env.DEMO_STOCK_SQLITE_PATH;
    else process.env.DEMO_STOCK_SQLITE_PATH = stockPath;
  }
}

/**
 * Polls `check` until it is true or `timeoutMs` passes. For facts the server learns
 * asynchronously and announces nowhere (a listener added or removed).
 */
export async function eventually(check: () => boolean, what: string, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
