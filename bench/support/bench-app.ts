import type { AddressInfo } from 'node:net';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { configureDemoApp } from '../../src/demo/demo.config.js';
import { DemoModule } from '../../src/demo/demo.module.js';
import { EVENT_BUS, FlowRunService, type EventBus, type NestflowEventType, type NestflowModuleOptions } from '../../src/index.js';
import { BenchFlows } from '../flows/bench.flows.js';

/** A nestflow app (demo GraphQL set-up plus the bench flows) listening on a loopback port. */
export interface BenchApp {
  app: INestApplication;
  runs: FlowRunService;
  bus: EventBus;
  httpUrl: string;
  wsUrl: string;
  close(): Promise<void>;
}

export type StoreKind = 'sqlite' | 'postgres';

/**
 * `options`: more nestflow options (security, limits) on top of the store and the worker. By
 * default no rate limits: the workloads measure the engine with one client driving thousands of
 * resumes, far past what the default limits allow one client (the abuse workload keeps them).
 */
export async function startBenchApp(
  database: NestflowModuleOptions['database'],
  worker = { concurrency: 1000 },
  options: Omit<NestflowModuleOptions, 'database' | 'worker'> = { security: { rateLimit: false } },
): Promise<BenchApp> {
  const app = await NestFactory.create(DemoModule.forRoot({ ...options, database, worker }, [BenchFlows]), {
    logger: ['error'],
  });
  configureDemoApp(app);
  await app.listen(0, '127.0.0.1');
  const { port } = app.getHttpServer().address() as AddressInfo;
  return {
    app,
    runs: app.get(FlowRunService),
    bus: app.get<EventBus>(EVENT_BUS),
    httpUrl: `http://127.0.0.1:${port}/graphql`,
    wsUrl: `ws://127.0.0.1:${port}/graphql`,
    close: () => app.close(),
  };
}

/** Resolves with the id of the next run.paused event matching `accept`. */
export function nextPause(bus: EventBus, accept: (runId: string) => boolean): Promise<string> {
  return new Promise((resolve) => {
    const off = bus.subscribe('run.paused', (event) => {
      if (!accept(event.runId)) return;
      off();
      resolve(event.runId);
    });
  });
}

/**
 * Waits until the node holds one more `type` listener than `before` (a graphql-ws subscription
 * is registered some time after the client sent it; on a loaded machine, well over 100 ms).
 */
export async function listening(bus: EventBus, type: NestflowEventType, before: number, within = 30_000): Promise<void> {
  const deadline = Date.now() + within;
  while (bus.listenerCount(type) <= before) {
    if (Date.now() > deadline) throw new Error(`the node did not subscribe to ${type} within ${within / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
