import { jest } from '@jest/globals';
import { ApolloDriver, type ApolloDriverConfig } from '@nestjs/apollo';
import { GraphQLModule } from '@nestjs/graphql';
import { FlowRunService, FlowRunState, NestflowModule } from '../../../src/index.js';
import { AskAgainFlows } from '../../fixtures/durable/ask-again.flows.js';
import { gqlData } from '../../helpers/gql-client.js';
import { startGraphqlApp, type GraphqlApp } from '../../helpers/graphql-app.js';
import { createTestDatabase, sql, type TestDatabase } from '../../helpers/postgres.js';

jest.setTimeout(60_000);

const { PAUSED, COMPLETED, FAILED } = FlowRunState;
const RESUME = `mutation($id: ID!, $input: JSON) { resumeRun(id: $id, input: $input) { id state } }`;

let db: TestDatabase;
const nodes: GraphqlApp[] = [];

/** A node: nestflow with its GraphQL API and the ask-again flows, on the shared database. */
async function startNode(): Promise<GraphqlApp> {
  const nestflow = NestflowModule.forRoot({ database: { type: 'postgres', url: db.url, poolSize: 5 } });
  const graphql = GraphQLModule.forRoot<ApolloDriverConfig>({ driver: ApolloDriver, autoSchemaFile: true });
  const node = await startGraphqlApp({ imports: [graphql, nestflow], providers: [AskAgainFlows] });
  nodes.push(node);
  return node;
}

beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  await Promise.all(nodes.map((node) => node.close()));
  await db?.drop();
});

it('node A runs and retries the flow, node B answers the pause asked again: it completes once, with the new answer', async () => {
  const a = await startNode();
  const runsA = a.app.get(FlowRunService);
  const { id } = await runsA.createFlowRun('asked-again');
  await runsA.waitForFlowRun(id, { states: [PAUSED] });
  await runsA.resumeFlowRun(id, { size: 'S', color: 'red' }, null, { resumedBy: 'alice' });
  const asked = await runsA.waitForFlowRun(id, { states: [PAUSED, COMPLETED, FAILED] });
  expect(asked).toMatchObject({ state: PAUSED, attempt: 2, inputRequest: { previousAnswer: { principal: 'alice' } } });
  const [held] = await sql<{ lease_owner: string }>(db.url, 'SELECT lease_owner FROM flow_runs WHERE id = $1', [id]);
  expect(held.lease_owner).toBeTruthy(); // A holds the waiting flow in memory

  const b = await startNode();
  // Two answers at once through B: the guarded move takes one.
  const answers = await Promise.allSettled([
    gqlData(b.httpUrl, RESUME, { id, input: { size: 'L', color: 'black' } }),
    gqlData(b.httpUrl, RESUME, { id, input: { size: 'L', color: 'black' } }),
  ]);
  expect(answers.filter((answer) => answer.status === 'fulfilled')).toHaveLength(1);
  const done = await b.app.get(FlowRunService).waitForFlowRun(id, { timeout: 10_000 });
  expect(done).toMatchObject({ state: COMPLETED, result: 'shipped black L at 14', attempt: 2 });

  expect(AskAgainFlows.priced.filter((entry) => entry.runId === id).map((entry) => entry.size)).toEqual(['S', 'L']);
  const inputs = await sql<{ attempt: number; value: string }>(
    db.url,
    'SELECT attempt, value FROM flow_run_inputs WHERE run_id = $1 ORDER BY attempt',
    [id],
  );
  expect(inputs.map((row) => [row.attempt, JSON.parse(row.value)])).toEqual([
    [1, { size: 'S', color: 'red' }],
    [2, { size: 'L', color: 'black' }],
  ]);
  const tasks = await sql<{ task_name: string; state: string }>(
    db.url,
    'SELECT task_name, state FROM task_runs WHERE run_id = $1 ORDER BY step',
    [id],
  );
  expect(tasks).toEqual([
    { task_name: 'price', state: 'COMPLETED' },
    { task_name: 'ship', state: 'COMPLETED' },
  ]);
});
