import { DemoModule } from '../../../src/demo/demo.module.js';
import { FlowRunService, FlowRunState, ResumeTokenService } from '../../../src/index.js';
import { RESUME_RUN } from '../../helpers/demo-runs.js';
import { gql } from '../../helpers/gql-client.js';
import { startGraphqlApp, type GraphqlApp } from '../../helpers/graphql-app.js';
import { createTestDatabase, sql, type TestDatabase } from '../../helpers/postgres.js';
import { gqlWith } from '../../helpers/secure-app.js';

const KEY = 'postgres-audit-key';
let db: TestDatabase;
let server: GraphqlApp;
let runs: FlowRunService;

beforeAll(async () => {
  db = await createTestDatabase();
  const security = { apiKeys: [{ key: KEY, id: 'auditor' }], resumeTokenSecret: 'p'.repeat(32) };
  server = await startGraphqlApp({
    imports: [DemoModule.forRoot({ database: { type: 'postgres', url: db.url, poolSize: 3 }, security })],
  });
  runs = server.app.get(FlowRunService);
});
afterAll(async () => {
  await server?.close();
  await db?.drop();
});

async function pausedGreeting(): Promise<string> {
  const run = await runs.createFlowRun('greet-user');
  await runs.waitForFlowRun(run.id, { states: [FlowRunState.PAUSED] });
  return run.id;
}
const resumedBy = async (runId: string) =>
  (await sql<{ resumed_by: string | null }>(db.url, 'SELECT resumed_by FROM flow_run_inputs WHERE run_id = $1', [runId])).map(
    (row) => row.resumed_by,
  );

it('stores the principal with the input on PostgreSQL', async () => {
  const id = await pausedGreeting();
  expect((await gql(server.httpUrl, RESUME_RUN, { id, input: { name: 'x' } })).errors?.[0].extensions?.code).toBe(
    'UNAUTHENTICATED',
  );
  expect(
    (await gqlWith(server.httpUrl, { 'x-api-key': KEY }, RESUME_RUN, { id, input: { name: 'Ada' } })).data.resumeRun.state,
  ).toBe('RUNNING');
  expect(await resumedBy(id)).toEqual(['auditor']);
});

it('resumes once with a link on PostgreSQL, then refuses it as used', async () => {
  const id = await pausedGreeting();
  const token = await server.app.get(ResumeTokenService).createResumeToken(id, 'pause-1', { subject: 'grace@example.com' });
  const mutation = 'mutation($token: String!) { resumeRunWithToken(token: $token, input: { name: "Grace" }) { state } }';
  expect((await gql(server.httpUrl, mutation, { token })).data.resumeRunWithToken.state).toBe('RUNNING');
  expect((await gql(server.httpUrl, mutation, { token })).errors?.[0].extensions).toMatchObject({
    code: 'FORBIDDEN',
    reason: 'used',
  });
  expect(await resumedBy(id)).toEqual(['token:grace@example.com']);
});

it('answers NOT_FOUND, not a database error, to ids PostgreSQL could not even store', async () => {
  for (const id of ['\u0000', 'x'.repeat(100)]) {
    const result = await gqlWith(server.httpUrl, { 'x-api-key': KEY }, RESUME_RUN, { id, input: { name: 'x' } });
    expect(result.errors?.[0].extensions?.code).toBe('NOT_FOUND');
  }
});
