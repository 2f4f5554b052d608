import 'reflect-metadata';
import type { INestApplication, Provider, Type } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import type { DataSource } from 'typeorm';
import { NestflowModule, FlowRunService, FlowRunState, type FlowRun, type NestflowModuleOptions } from '../../src/index.js';
import { NESTFLOW_DATA_SOURCE } from '../../src/persistence/data-source.token.js';
import { tempSqlite } from './temp-sqlite.js';

export interface FlowApp {
  app: INestApplication;
  runs: FlowRunService;
  sqlitePath: string;
  /** nestflow's own DataSource, for reading the tables directly. */
  dataSource: DataSource;
  /** Creates a run of `flowName` and resolves once it is PAUSED. */
  startPaused(flowName: string, parameters?: unknown): Promise<FlowRun>;
  close(): Promise<void>;
}

/** A real Nest app with nestflow on a fresh SQLite file and the given providers (flows, services). */
export async function createFlowApp(providers: Array<Provider | Type>, options: NestflowModuleOptions = {}): Promise<FlowApp> {
  const db = tempSqlite();
  const moduleRef = await Test.createTestingModule({
    imports: [NestflowModule.forRoot({ database: { type: 'sqlite', path: db.path }, graphql: false, ...options })],
    providers,
  }).compile();
  const app = moduleRef.createNestApplication({ logger: false });
  const close = async () => {
    await app.close();
    db.cleanup();
  };
  try {
    await app.init();
  } catch (error) {
    // A failed bootstrap must still close the SQLite handle and remove the temp dir.
    await close().catch(() => undefined);
    throw error;
  }
  const runs = app.get(FlowRunService);
  return {
    app,
    runs,
    sqlitePath: db.path,
    dataSource: app.get<DataSource>(NESTFLOW_DATA_SOURCE),
    startPaused: async (flowName, parameters) => {
      const run = await runs.createFlowRun(flowName, parameters);
      const states = [FlowRunState.PAUSED, FlowRunState.COMPLETED, FlowRunState.FAILED, FlowRunState.CANCELLED];
      const seen = await runs.waitForFlowRun(run.id, { states, timeout: 5000 });
      if (seen.state !== FlowRunState.PAUSED) throw new Error(`Run of ${flowName} ended ${seen.state} instead of pausing`);
      return seen;
    },
    close,
  };
}
