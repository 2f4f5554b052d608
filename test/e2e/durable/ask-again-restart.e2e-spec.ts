import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { FlowRunService, FlowRunState, NestflowModule } from '../../../src/index.js';
import { AskAgainFlows } from '../../fixtures/durable/ask-again.flows.js';
import { tempSqlite } from '../../helpers/temp-sqlite.js';

const { PAUSED, SUSPENDED, COMPLETED, FAILED } = FlowRunState;

/** One process's app on the SQLite file; closing it is a graceful stop (held runs are handed over). */
async function start(path: string): Promise<INestApplication> {
  const moduleRef = await Test.createTestingModule({
    imports: [NestflowModule.forRoot({ database: { type: 'sqlite', path }, graphql: false })],
    providers: [AskAgainFlows],
  }).compile();
  const app = moduleRef.createNestApplication({ logger: false });
  await app.init();
  return app;
}

const file = tempSqlite();
let app: INestApplication | undefined;
afterAll(async () => {
  await app?.close();
  file.cleanup();
});

it('a pause asked again on a retry still asks, with the previous answer, after a restart; the new answer completes it', async () => {
  app = await start(file.path);
  let runs = app.get(FlowRunService);
  const { id } = await runs.createFlowRun('asked-again');
  await runs.waitForFlowRun(id, { states: [PAUSED] });
  await runs.resumeFlowRun(id, { size: 'S', color: 'red' }, null, { resumedBy: 'alice' });
  const asked = await runs.waitForFlowRun(id, { states: [PAUSED, COMPLETED, FAILED] });
  expect(asked).toMatchObject({ state: PAUSED, attempt: 2 });
  await app.close();

  app = await start(file.path);
  runs = app.get(FlowRunService);
  const waiting = await runs.getFlowRun(id);
  // Handed over by the graceful stop: still waiting, the request as it was asked.
  expect([PAUSED, SUSPENDED]).toContain(waiting.state);
  expect(waiting.inputRequest).toMatchObject({
    initialData: { size: 'S', color: 'red' },
    previousAnswer: { principal: 'alice', attempt: 1, value: { size: 'S', color: 'red' } },
  });
  await runs.resumeFlowRun(id, { size: 'M', color: 'red' }, null, { resumedBy: 'bob' });
  expect(await runs.waitForFlowRun(id, { timeout: 5000 })).toMatchObject({ state: COMPLETED, result: 'shipped red M at 12' });
  expect(AskAgainFlows.priced.filter((entry) => entry.runId === id).map((entry) => entry.size)).toEqual(['S', 'M']);
});
