import { jest } from '@jest/globals';
import { AlreadyAnsweredError, FlowRunState, RunNotPausedError, type FlowRun } from '../../../src/index.js';
import { ActiveRuns } from '../../../src/engine/active-runs.js';
import { SignOffFlows } from '../../fixtures/approval.flows.js';
import { createFlowApp, type FlowApp } from '../../helpers/flow-app.js';
import { createTestDatabase, sql, type TestDatabase } from '../../helpers/postgres.js';

jest.setTimeout(60_000);

/** Approvals on two PostgreSQL nodes: answers sent through both at once still resolve each pause exactly once. */
let db: TestDatabase;
let nodes: FlowApp[] = [];

beforeAll(async () => {
  db = await createTestDatabase();
  const database = { type: 'postgres' as const, url: db.url, poolSize: 5 };
  // One after the other: the first runs the migrations.
  nodes.push(await createFlowApp([SignOffFlows], { database }));
  nodes.push(await createFlowApp([SignOffFlows], { database }));
});
afterAll(async () => {
  await Promise.all(nodes.map((node) => node.close()));
  nodes = [];
  await db?.drop();
});

const RUNS = 8;

async function pausedRuns(flowName: string): Promise<FlowRun[]> {
  const [a, b] = nodes;
  const created = await Promise.all(Array.from({ length: RUNS }, (_, i) => (i % 2 ? b : a).runs.createFlowRun(flowName)));
  return Promise.all(created.map((run) => a.runs.waitForFlowRun(run.id, { states: [FlowRunState.PAUSED], timeout: 10_000 })));
}

/** Three principals answer `run` at once, through node A, B and A again; each call's outcome. */
function threeAtOnce(run: FlowRun): Promise<Array<PromiseSettledResult<FlowRun>>> {
  const [a, b] = nodes;
  const through = [a, b, a];
  return Promise.allSettled(
    ['alice', 'bob', 'carol'].map((principal, i) =>
      through[i].runs.resumeFlowRun(run.id, { note: `from ${principal}` }, null, { resumedBy: principal, roles: [] }),
    ),
  );
}

async function outcomesOf(runIds: string[]): Promise<Record<string, number>> {
  const rows = await sql<{ run_id: string; n: string }>(
    db.url,
    `SELECT run_id, COUNT(*) AS n FROM flow_run_inputs WHERE run_id = ANY($1) AND outcome = 'approvals' GROUP BY run_id`,
    [runIds],
  );
  return Object.fromEntries(rows.map((row) => [row.run_id, Number(row.n)]));
}

async function resumesOf(runId: string): Promise<number> {
  const rows = await sql<{ n: string }>(
    db.url,
    `SELECT COUNT(*) AS n FROM flow_run_states WHERE run_id = $1 AND state = 'RUNNING' AND message LIKE 'Answered by %'`,
    [runId],
  );
  return Number(rows[0].n);
}

it('2 of 3, three principals at once through both nodes: two answers count, the third finds it resolved; resolved once', async () => {
  const runs = await pausedRuns('two-of-three');
  // two-of-three takes answers from finance, cto or carol: alice and bob answer by their roles here.
  const [a, b] = nodes;
  const settled = await Promise.all(
    runs.map((run) =>
      Promise.allSettled([
        a.runs.resumeFlowRun(run.id, { note: 'a' }, null, { resumedBy: 'alice', roles: ['finance'] }),
        b.runs.resumeFlowRun(run.id, { note: 'b' }, null, { resumedBy: 'bob', roles: ['cto'] }),
        a.runs.resumeFlowRun(run.id, { note: 'c' }, null, { resumedBy: 'carol', roles: [] }),
      ]),
    ),
  );
  for (const [index, outcomes] of settled.entries()) {
    const accepted = outcomes.filter((outcome) => outcome.status === 'fulfilled');
    const refused = outcomes.flatMap((outcome) => (outcome.status === 'rejected' ? [outcome.reason] : []));
    expect(accepted).toHaveLength(2);
    expect(refused).toHaveLength(1);
    expect(refused[0]).toBeInstanceOf(RunNotPausedError);
    const done = await b.runs.waitForFlowRun(runs[index].id, { timeout: 10_000 });
    expect(done.state).toBe('COMPLETED');
    const answers = (done.result as { answers: Array<{ principal: string }> }).answers.map((given) => given.principal);
    expect(answers).toHaveLength(2);
    expect(new Set(answers).size).toBe(2);
    expect(await resumesOf(done.id)).toBe(1);
  }
  expect(Object.values(await outcomesOf(runs.map((run) => run.id)))).toEqual(Array(RUNS).fill(1));
});

it('3 of 3, three principals at once through both nodes: every answer counts, the pause resolves once with all three', async () => {
  const runs = await pausedRuns('three-of-three');
  const settled = await Promise.all(runs.map(threeAtOnce));
  for (const [index, outcomes] of settled.entries()) {
    expect(outcomes.map((outcome) => outcome.status)).toEqual(['fulfilled', 'fulfilled', 'fulfilled']);
    const done = await nodes[1].runs.waitForFlowRun(runs[index].id, { timeout: 10_000 });
    expect(done.state).toBe('COMPLETED');
    const answers = (done.result as { answers: Array<{ principal: string; value: { note: string } }> }).answers;
    expect(answers.map((given) => given.principal).sort()).toEqual(['alice', 'bob', 'carol']);
    expect(answers.every((given) => given.value.note === `from ${given.principal}`)).toBe(true);
    expect(await resumesOf(done.id)).toBe(1);
  }
  expect(Object.values(await outcomesOf(runs.map((run) => run.id)))).toEqual(Array(RUNS).fill(1));
});

it('one principal answering twice at once, through both nodes: one answer counts, the other is ALREADY_ANSWERED', async () => {
  const [run] = await pausedRuns('three-of-three');
  const [a, b] = nodes;
  const outcomes = await Promise.allSettled([
    a.runs.resumeFlowRun(run.id, { note: 'one' }, null, { resumedBy: 'alice' }),
    b.runs.resumeFlowRun(run.id, { note: 'two' }, null, { resumedBy: 'alice' }),
  ]);
  expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(1);
  const refused = outcomes.find((outcome) => outcome.status === 'rejected') as PromiseRejectedResult;
  expect(refused.reason).toBeInstanceOf(AlreadyAnsweredError);
  const current = await b.runs.getFlowRun(run.id);
  expect(current.state).toBe('PAUSED');
  expect(current.inputRequest?.approvals?.answers.map((given) => given.principal)).toEqual(['alice']);
  // The node holding the flow follows the progress written elsewhere: the set completes through either node.
  await b.runs.resumeFlowRun(run.id, { note: 'from bob' }, null, { resumedBy: 'bob' });
  await a.runs.resumeFlowRun(run.id, { note: 'from carol' }, null, { resumedBy: 'carol' });
  const done = await a.runs.waitForFlowRun(run.id, { timeout: 10_000 });
  expect((done.result as { answers: Array<{ principal: string }> }).answers.map((given) => given.principal)).toEqual([
    'alice',
    'bob',
    'carol',
  ]);
});

it('the node holding the flow follows answers given through the other node: its pause still times out on time', async () => {
  const [run] = await pausedRuns('quick-sign-off');
  const holder = nodes.find((node) => node.app.get(ActiveRuns).get(run.id))!;
  const other = nodes.find((node) => node !== holder)!;
  const progressed = await other.runs.resumeFlowRun(run.id, { note: 'only me' }, null, { resumedBy: 'alice' });
  expect(progressed).toMatchObject({ state: 'PAUSED', version: run.version + 1 });
  // The holder's timer moves the run with a write guarded on the version it knows: the answer's.
  const done = await other.runs.waitForFlowRun(run.id, { timeout: 10_000 });
  expect(done).toMatchObject({ state: 'COMPLETED', result: 'timed out' });
});
