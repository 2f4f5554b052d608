import { jest } from '@jest/globals';
import type { Client } from 'graphql-ws';
import { DemoModule } from '../../../src/demo/demo.module.js';
import { FlowRunService, FlowRunState, type Principal } from '../../../src/index.js';
import { SignOffFlows } from '../../fixtures/approval.flows.js';
import { subscribeReady } from '../../helpers/gql-client.js';
import { startGraphqlApp, type GraphqlApp } from '../../helpers/graphql-app.js';
import { createTestDatabase, type TestDatabase } from '../../helpers/postgres.js';
import { authenticateByUser, gqlWith, wsClientWith } from '../../helpers/secure-app.js';

jest.setTimeout(60_000);

/** Approvals over GraphQL on two PostgreSQL nodes: answers through either, progress seen on both. */
const PRINCIPALS: Record<string, Principal> = {
  alice: { id: 'alice', roles: ['finance'] },
  bob: { id: 'bob', roles: ['cto'] },
};
const authenticate = authenticateByUser(PRINCIPALS);

let db: TestDatabase;
let nodes: GraphqlApp[] = [];
let client: Client | undefined;

beforeAll(async () => {
  db = await createTestDatabase();
  const options = { database: { type: 'postgres' as const, url: db.url, poolSize: 5 }, security: { authenticate } };
  for (let i = 0; i < 2; i++) nodes.push(await startGraphqlApp({ imports: [DemoModule.forRoot(options, [SignOffFlows])] }));
});
afterAll(async () => {
  await client?.dispose();
  await Promise.all(nodes.map((node) => node.close()));
  nodes = [];
  await db?.drop();
});

const RESUME = 'mutation($id: ID!, $input: JSON) { resumeRun(id: $id, input: $input) { state } }';

it('an answer through node A reaches a subscriber on node B as progress; the next, through B, resolves the run', async () => {
  const [a, b] = nodes;
  const runs = a.app.get(FlowRunService);
  const created = await runs.createFlowRun('two-of-three');
  const run = await runs.waitForFlowRun(created.id, { states: [FlowRunState.PAUSED], timeout: 10_000 });
  client = wsClientWith(b.wsUrl, { user: 'bob' });
  const states = await subscribeReady(
    client,
    b.bus,
    'run.state',
    'subscription($id: ID) { flowRunStateChanged(id: $id) { state inputRequest { approvals { received answeredBy } } } }',
    { id: run.id },
  );
  try {
    expect((await gqlWith(a.httpUrl, { 'x-user': 'alice' }, RESUME, { id: run.id, input: { note: 'a' } })).data).toEqual({
      resumeRun: { state: 'PAUSED' },
    });
    expect((await states.nextData(10_000)).flowRunStateChanged).toEqual({
      state: 'PAUSED',
      inputRequest: { approvals: { received: 1, answeredBy: ['alice'] } },
    });
    const again = await gqlWith(b.httpUrl, { 'x-user': 'alice' }, RESUME, { id: run.id, input: { note: 'again' } });
    expect(again.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', nestflowCode: 'ALREADY_ANSWERED' });
    expect((await gqlWith(b.httpUrl, { 'x-user': 'bob' }, RESUME, { id: run.id, input: { note: 'b' } })).data).toEqual({
      resumeRun: { state: 'RUNNING' },
    });
    const done = await b.app.get(FlowRunService).waitForFlowRun(run.id, { timeout: 10_000 });
    expect(done.result).toMatchObject({ approved: true, answers: [{ principal: 'alice' }, { principal: 'bob' }] });
  } finally {
    await states.close();
  }
});
