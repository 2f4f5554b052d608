import { jest } from '@jest/globals';
import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import type { DataSource } from 'typeorm';
import {
  FlowRunService,
  FlowRunState,
  NestflowModule,
  PauseExpiredError,
  type NestflowModuleOptions,
} from '../../../src/index.js';
import { ActiveRuns } from '../../../src/engine/active-runs.js';
import { RunSnapshots } from '../../../src/engine/run-snapshots.js';
import { NESTFLOW_DATA_SOURCE } from '../../../src/persistence/data-source.token.js';
import { FlowRunEntity } from '../../../src/persistence/entities/index.js';
import { RecorderService } from '../../fixtures/recorder.service.js';
import { TimeoutDefaultFlows } from '../../fixtures/timeout-default.flows.js';
import { createTestDatabase, type TestDatabase } from '../../helpers/postgres.js';

jest.setTimeout(60_000);

let db: TestDatabase;
let holder: INestApplication;
let api: INestApplication;

async function node(worker: NestflowModuleOptions['worker']): Promise<INestApplication> {
  const moduleRef = await Test.createTestingModule({
    imports: [NestflowModule.forRoot({ database: { type: 'postgres', url: db.url, poolSize: 5 }, graphql: false, worker })],
    providers: [TimeoutDefaultFlows, RecorderService],
  }).compile();
  const app = moduleRef.createNestApplication({ logger: false });
  await app.init();
  return app;
}

beforeAll(async () => {
  db = await createTestDatabase();
  holder = await node({ sweepIntervalMs: 60_000 }); // executes the runs and holds their pauses in memory
  api = await node({ enabled: false }); // serves the API only: no worker, no sweeps
});
afterAll(async () => {
  await api?.close();
  await holder?.close();
  await db?.drop();
});

/** A run paused on the holder for an hour, whose deadline is then moved into the past. */
async function expiredOnHolder(flow: string): Promise<string> {
  const runs = holder.get(FlowRunService);
  const { id } = await runs.createFlowRun(flow, { after: 3600 });
  await runs.waitForFlowRun(id, { states: [FlowRunState.PAUSED] });
  const past = new Date(Date.now() - 1000);
  await holder.get<DataSource>(NESTFLOW_DATA_SOURCE).getRepository(FlowRunEntity).update({ id }, { pauseExpiresAt: past });
  // Every copy of the run agrees on its deadline, as it would had the hour passed: the holder's, and the API node's snapshot.
  const copies = [holder.get(ActiveRuns).get(id)?.run, api.get(RunSnapshots).get(id)];
  for (const copy of copies) if (copy) copy.pauseExpiresAt = past;
  return id;
}

it('an API-only node that reads an expired pause applies its default; the holder wakes with it', async () => {
  const id = await expiredOnHolder('approve-by-default');
  const seen = await api.get(FlowRunService).getFlowRun(id);
  expect(seen.state).not.toBe(FlowRunState.PAUSED);
  expect(await holder.get(FlowRunService).waitForFlowRun(id, { timeout: 10_000 })).toMatchObject({
    state: FlowRunState.COMPLETED,
    result: 'rejected: nobody answered',
  });
  const history = await api.get(FlowRunService).getFlowRunStates(id);
  expect(history.map((record) => record.state)).toEqual(['SCHEDULED', 'RUNNING', 'PAUSED', 'RUNNING', 'COMPLETED']);
});

it('a failing timeout applied by another node is thrown in the holder’s flow', async () => {
  const id = await expiredOnHolder('fails-on-timeout');
  expect((await api.get(FlowRunService).getFlowRun(id)).state).not.toBe(FlowRunState.PAUSED);
  expect(await holder.get(FlowRunService).waitForFlowRun(id, { timeout: 10_000 })).toMatchObject({
    state: FlowRunState.FAILED,
    error: expect.objectContaining({ code: 'PAUSE_TIMEOUT' }),
  });
});

it('a late answer on another node gets PAUSE_EXPIRED, and the holder goes on with the default', async () => {
  const id = await expiredOnHolder('approve-by-default');
  await expect(api.get(FlowRunService).resumeFlowRun(id, { approved: true })).rejects.toBeInstanceOf(PauseExpiredError);
  expect(await holder.get(FlowRunService).waitForFlowRun(id, { timeout: 10_000 })).toMatchObject({
    result: 'rejected: nobody answered',
  });
});
