import 'reflect-metadata';
import type { INestApplication, Provider, Type } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { NestflowModule, FlowRunService, type NestflowModuleOptions } from '../../src/index.js';
import { tempSqlite } from './temp-sqlite.js';

export interface FlowApp {
  app: INestApplication;
  runs: FlowRunService;
  sqlitePath: string;
  close(): Promise<void>;
}

/** A real Nest app with nestflow on a fresh SQLite file and the given providers (flows, services). */
export async function createFlowApp(
  providers: Array<Provider | Type>,
  options: NestflowModuleOptions = {},
): Promise<FlowApp> {
  const db = tempSqlite();
  const moduleRef = await Test.createTestingModule({
    imports: [NestflowModule.forRoot({ database: { type: 'sqlite', path: db.path }, graphql: false, ...options })],
    providers,
  }).compile();
  const app = moduleRef.createNestApplication({ logger: false });
  await app.init();
  return {
    app,
    runs: app.get(FlowRunService),
    sqlitePath: db.path,
    close: async () => {
      await app.close();
      db.cleanup();
    },
  };
}
