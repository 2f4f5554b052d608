import { randomUUID } from 'node:crypto';
import { FlowRunState } from '../../../src/index.js';
import { startCrashablePostgres, type CrashablePostgres } from '../../helpers/crashable-postgres.js';
import { gql, type GqlResult } from '../../helpers/gql-client.js';
import { startPgNode, type PgNode } from '../../helpers/pg-node.js';
import { sql } from '../../helpers/postgres.js';

const RESUME = `mutation($id: ID!, $input: JSON, $requestId: String) {
  resumeRun(id: $id, input: $input, requestId: $requestId) { id state }
}`;
const RUNS = 40;

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

/**
 * Clients resume 40 paused runs, each under its own requestId, and the PostgreSQL server is
 * killed (SIGKILL to the postmaster) while the resumes are in flight: some were committed and
 * answered, some committed but the answer was lost with the connection, some never happened.
 * After the restart every client retries blindly with the same requestId and input: each gets a
 * success (never CONFLICT), and each run took exactly one input, the one asked for, with its
 * request record beside it.
 */
describe('client retries under the same requestId after a database crash', () => {
  let server: CrashablePostgres;
  let node: PgNode;
  let url: string;

  beforeAll(async () => {
    server = await startCrashablePostgres();
    url = await server.createDatabase();
    node = await startPgNode(url);
  }, 60_000);

  afterAll(async () => {
    await node?.close();
    await server?.stop();
  }, 30_000);

  it('every retry gets the success; every run took its input exactly once', async () => {
    const ids = await Promise.all(Array.from({ length: RUNS }, async () => (await node.runs.createFlowRun('greet-user')).id));
    await Promise.all(ids.map((id) => node.runs.waitForFlowRun(id, { states: [FlowRunState.PAUSED], timeout: 20_000 })));
    const asks = ids.map((id, n) => ({ id, input: { name: `client ${n}` }, requestId: randomUUID() }));

    // The server dies once a few resumes have been answered: the rest are in flight, in the pool
    // queue or inside their statement.
    let answered = 0;
    const inFlight = asks.map((ask) => gql(node.httpUrl, RESUME, ask).finally(() => answered++));
    while (answered < 5) await sleep(1);
    await server.kill9();
    const first = await Promise.all(inFlight);
    await server.restart();
    const committed = new Set(
      (await sql<{ run_id: string }>(url, 'SELECT run_id FROM flow_run_inputs WHERE run_id = ANY($1)', [ids])).map(
        (row) => row.run_id,
      ),
    );
    const unacknowledged = asks.filter((ask, n) => first[n].errors && committed.has(ask.id)).length;

    const retried: GqlResult[] = [];
    for (const ask of asks) {
      let result = await gql(node.httpUrl, RESUME, ask);
      for (let attempt = 0; result.errors?.[0]?.extensions?.code === 'SERVICE_UNAVAILABLE' && attempt < 50; attempt++) {
        await sleep(100);
        result = await gql(node.httpUrl, RESUME, ask);
      }
      retried.push(result);
    }

    const outcome = (result: GqlResult) => (result.errors ? String(result.errors[0].extensions?.code) : 'ok');
    const before = first.map(outcome).reduce<Record<string, number>>((n, o) => ({ ...n, [o]: (n[o] ?? 0) + 1 }), {});
    expect(retried.map(outcome)).toEqual(Array(RUNS).fill('ok'));
    expect(Object.keys(before).every((o) => o === 'ok' || o === 'SERVICE_UNAVAILABLE')).toBe(true);

    for (const ask of asks) {
      const inputs = await sql<{ value: string; request_id: string | null }>(
        url,
        `SELECT i.value, r.request_id FROM flow_run_inputs i
           LEFT JOIN flow_run_requests r ON r.run_id = i.run_id AND r.operation = 'resume' AND r.input_key = i.key
          WHERE i.run_id = $1`,
        [ask.id],
      );
      expect(inputs).toEqual([{ value: JSON.stringify(ask.input), request_id: ask.requestId }]);
    }
    const done = await Promise.all(ids.map((id) => node.runs.waitForFlowRun(id, { timeout: 30_000 })));
    expect(done.map((run, n) => run.result === `Hello, client ${n}!`)).toEqual(Array(RUNS).fill(true));
    process.stdout.write(
      `retry-after-crash: first attempts ${JSON.stringify(before)}, ${unacknowledged} of the failed ones had committed; ` +
        `${RUNS} of ${RUNS} retries succeeded, each run resumed once\n`,
    );
  }, 90_000);
});
