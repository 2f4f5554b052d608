import { jest } from '@jest/globals';
import { FlowRunService, FlowRunState } from '../../../src/index.js';
import { CREATE_RUN, RESUME_RUN } from '../../helpers/demo-runs.js';
import { gql, gqlData } from '../../helpers/gql-client.js';
import { startDemoApp, type GraphqlApp } from '../../helpers/graphql-app.js';
import { sample, scrape } from '../../helpers/metrics.js';
import { startPgNode, type PgNode } from '../../helpers/pg-node.js';
import { createTestDatabase, type TestDatabase } from '../../helpers/postgres.js';

jest.setTimeout(60_000);

const FLOW = 'get-shirt-order';
const shirt = { flow: FLOW };

describe('GET /metrics on the demo', () => {
  let server: GraphqlApp;
  let runs: FlowRunService;
  beforeAll(async () => {
    server = await startDemoApp();
    runs = server.app.get(FlowRunService);
  });
  afterAll(() => server.close());

  async function paused(): Promise<string> {
    const { createFlowRun } = await gqlData(server.httpUrl, CREATE_RUN, shirt);
    await runs.waitForFlowRun(createFlowRun.id, { states: [FlowRunState.PAUSED], timeout: 5000 });
    return createFlowRun.id;
  }

  it('counters, gauges and histograms move as runs are created, paused, refused, resumed and completed', async () => {
    const before = await scrape(server.httpUrl);
    expect(before.contentType).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(sample(before.text, 'nestflow_runs_created_total', shirt)).toBeUndefined();
    expect(sample(before.text, 'nestflow_worker_slots', { state: 'free' })).toBe(10);

    const [answered, waiting] = [await paused(), await paused()];
    const mid = (await scrape(server.httpUrl)).text;
    expect(sample(mid, 'nestflow_runs_created_total', shirt)).toBe(2);
    expect(sample(mid, 'nestflow_runs_waiting', { flow: FLOW, state: 'PAUSED' })).toBe(2);

    // Refused: small + green (a cross-field rule), twice; then a valid answer.
    for (let i = 0; i < 2; i++) {
      const refused = await gql(server.httpUrl, RESUME_RUN, { id: answered, input: { size: 'small', color: 'green' } });
      expect(refused.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    }
    await gqlData(server.httpUrl, RESUME_RUN, { id: answered, input: { size: 'medium', color: 'green' } });
    await runs.waitForFlowRun(answered, { states: [FlowRunState.COMPLETED], timeout: 5000 });
    await gqlData(server.httpUrl, 'mutation($id: ID!) { cancelFlowRun(id: $id) { id } }', { id: waiting });

    // Parameters a flow's parameters class refuses: counted under that class, and no run created.
    const parameters = { customer: '', maxPrice: 5 };
    const create = 'mutation($parameters: JSON) { createFlowRun(flowName: "buy-shirt", parameters: $parameters) { id } }';
    const refused = await gql(server.httpUrl, create, { parameters });
    expect(refused.errors?.[0]?.extensions?.nestflowCode).toBe('PARAMETERS_VALIDATION_FAILED');

    const after = (await scrape(server.httpUrl)).text;
    expect(sample(after, 'nestflow_runs_created_total', shirt)).toBe(2);
    expect(sample(after, 'nestflow_runs_finished_total', { flow: FLOW, state: 'COMPLETED' })).toBe(1);
    expect(sample(after, 'nestflow_runs_finished_total', { flow: FLOW, state: 'CANCELLED' })).toBe(1);
    expect(sample(after, 'nestflow_runs_waiting', { flow: FLOW, state: 'PAUSED' })).toBeUndefined();
    expect(sample(after, 'nestflow_input_refusals_total', { flow: FLOW, input_type: 'ShirtOrder' })).toBe(2);
    expect(sample(after, 'nestflow_input_refusals_total', { flow: 'buy-shirt', input_type: 'ShirtPurchase' })).toBe(1);
    expect(sample(after, 'nestflow_runs_created_total', { flow: 'buy-shirt' })).toBeUndefined();
    expect(sample(after, 'nestflow_input_wait_seconds_count', shirt)).toBe(1);
    expect(sample(after, 'nestflow_input_wait_seconds_bucket', { flow: FLOW, le: '+Inf' })).toBe(1);
    expect(sample(after, 'nestflow_resume_latency_seconds_count', shirt)).toBe(1);
    expect(sample(after, 'nestflow_resume_latency_seconds_sum', shirt)).toBeLessThan(5);
    expect(sample(after, 'nestflow_worker_slots', { state: 'busy' })).toBe(0);
    expect(after).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-/); // no run id in any label
  });
});

describe('the waiting gauge on PostgreSQL', () => {
  let db: TestDatabase;
  let nodes: PgNode[] = [];
  beforeAll(async () => {
    db = await createTestDatabase();
    nodes = [await startPgNode(db.url), await startPgNode(db.url, { enabled: false })];
  });
  afterAll(async () => {
    await Promise.all(nodes.map((node) => node.close()));
    await db.drop();
  });

  it('is right on a second node that holds no runs (read from the store), suspended runs too', async () => {
    const [holder, empty] = nodes;
    const created = await Promise.all([0, 1, 2].map(() => holder.runs.createFlowRun(FLOW)));
    for (const run of created) await holder.runs.waitForFlowRun(run.id, { states: [FlowRunState.PAUSED], timeout: 5000 });
    const suspended = await holder.runs.createFlowRun('suspend-once');
    await holder.runs.waitForFlowRun(suspended.id, { states: [FlowRunState.SUSPENDED], timeout: 5000 });

    const text = (await scrape(empty.httpUrl)).text;
    expect(sample(text, 'nestflow_runs_waiting', { flow: FLOW, state: 'PAUSED' })).toBe(3);
    expect(sample(text, 'nestflow_runs_waiting', { flow: 'suspend-once', state: 'SUSPENDED' })).toBe(1);
    expect(sample(text, 'nestflow_runs_created_total', shirt)).toBeUndefined(); // counters are per node
    expect(sample((await scrape(holder.httpUrl)).text, 'nestflow_runs_created_total', shirt)).toBe(3);
  });
});
