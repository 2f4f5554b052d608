import { jest } from '@jest/globals';
import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import {
  FlowRunService,
  FlowRunState,
  NestflowModule,
  RunAnswersService,
  type NestflowModuleOptions,
} from '../../../src/index.js';
import { RecorderService } from '../../fixtures/recorder.service.js';
import { TimeoutDefaultFlows } from '../../fixtures/timeout-default.flows.js';
import { createTestDatabase, type TestDatabase } from '../../helpers/postgres.js';
import { tempSqlite } from '../../helpers/temp-sqlite.js';

jest.setTimeout(60_000);

type Database = NonNullable<NestflowModuleOptions['database']>;

/** One process's app on `database`; closing it is a graceful stop (held runs are handed over). */
async function start(database: Database): Promise<INestApplication> {
  const moduleRef = await Test.createTestingModule({
    imports: [NestflowModule.forRoot({ database, graphql: false, worker: { sweepIntervalMs: 200 } })],
    providers: [TimeoutDefaultFlows, RecorderService],
  }).compile();
  const app = moduleRef.createNestApplication({ logger: false });
  await app.init();
  return app;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.each(['sqlite', 'postgres'] as const)('a timeout default survives a restart (%s)', (store) => {
  let database: Database;
  let cleanup: () => Promise<void> | void;
  let app: INestApplication | undefined;

  beforeEach(async () => {
    if (store === 'sqlite') {
      const file = tempSqlite();
      database = { type: 'sqlite', path: file.path };
      cleanup = file.cleanup;
    } else {
      const pg: TestDatabase = await createTestDatabase();
      database = { type: 'postgres', url: pg.url, poolSize: 5 };
      cleanup = pg.drop;
    }
  });
  afterEach(async () => {
    await app?.close();
    app = undefined;
    await cleanup();
  });

  async function expectDefaultApplied(id: string, states: string[], after: number) {
    const runs = app!.get(FlowRunService);
    expect(await runs.waitForFlowRun(id, { timeout: 15_000 })).toMatchObject({
      state: FlowRunState.COMPLETED,
      result: 'rejected: nobody answered',
    });
    const history = await runs.getFlowRunStates(id);
    expect(history.map((record) => record.state)).toEqual(states);
    expect(history.map((record) => record.message)).toContain(
      `Pause "approve" timed out after ${after} s: went on with the default answer`,
    );
    const answers = await app!.get(RunAnswersService).answeredInputs(id);
    expect(answers).toEqual([
      expect.objectContaining({
        key: 'approve',
        outcome: 'timeout-default',
        value: { approved: false, note: 'nobody answered' },
      }),
    ]);
  }

  it('a PAUSED run whose process stopped is resumed with the default after the deadline passed meanwhile', async () => {
    app = await start(database);
    const runs = app.get(FlowRunService);
    const { id } = await runs.createFlowRun('approve-by-default', { after: 1 });
    await runs.waitForFlowRun(id, { states: [FlowRunState.PAUSED] });
    await app.close(); // nobody's timer is left: only the stored request knows what to do
    app = undefined;
    await sleep(1200);
    app = await start(database);
    await expectDefaultApplied(id, ['SCHEDULED', 'RUNNING', 'PAUSED', 'SUSPENDED', 'SCHEDULED', 'RUNNING', 'COMPLETED'], 1);
  });

  it('a SUSPENDED run is resumed with the default by the new process when the deadline comes', async () => {
    app = await start(database);
    const runs = app.get(FlowRunService);
    const { id } = await runs.createFlowRun('suspend-by-default', { after: 2 });
    await runs.waitForFlowRun(id, { states: [FlowRunState.SUSPENDED] });
    await app.close();
    app = undefined;
    app = await start(database); // before the deadline: the sweeper applies it later
    expect((await app.get(FlowRunService).getFlowRun(id)).state).toBe(FlowRunState.SUSPENDED);
    await expectDefaultApplied(id, ['SCHEDULED', 'RUNNING', 'SUSPENDED', 'SCHEDULED', 'RUNNING', 'COMPLETED'], 2);
  });
});
