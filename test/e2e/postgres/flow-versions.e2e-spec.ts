import { jest } from '@jest/globals';
import type { Type } from '@nestjs/common';
import { FlowRunState, FlowVersionService, type FlowRun } from '../../../src/index.js';
import { unservedMessage } from '../../../src/engine/unserved-runs.js';
import {
  ExpenseTasks,
  ExpenseV1,
  ExpenseV2,
  ExpenseV2ReplaysV1,
  ROUTED_FLOW,
} from '../../fixtures/durable/versioned-expense.flows.js';
import { until } from '../../helpers/child-app.js';
import { createFlowApp, type FlowApp } from '../../helpers/flow-app.js';
import { createTestDatabase, type TestDatabase } from '../../helpers/postgres.js';

jest.setTimeout(120_000);

const { SUSPENDED, COMPLETED, FAILED, CANCELLED } = FlowRunState;
const WAITED = [SUSPENDED, COMPLETED, FAILED, CANCELLED];
const RUNS = 8;

let db: TestDatabase;
let nodes: FlowApp[] = [];
beforeEach(async () => {
  db = await createTestDatabase();
});
afterEach(async () => {
  await Promise.all(nodes.map((node) => node.close()));
  nodes = [];
  await db.drop();
});

/** A node of one build of the flow, on the shared database. */
async function startNode(flows: Type): Promise<FlowApp> {
  const node = await createFlowApp([ExpenseTasks, flows], {
    database: { type: 'postgres', url: db.url, poolSize: 3 },
    worker: { auditIntervalMs: 100, pollIntervalMs: 100 },
  });
  nodes.push(node);
  return node;
}

async function stopNode(node: FlowApp): Promise<void> {
  nodes = nodes.filter((other) => other !== node);
  await node.close();
}

const waitFor = (node: FlowApp, id: string) => node.runs.waitForFlowRun(id, { states: WAITED, timeout: 20_000 });

async function startRuns(node: FlowApp, key: string): Promise<FlowRun[]> {
  const created = await Promise.all(Array.from({ length: RUNS }, () => node.runs.createFlowRun(ROUTED_FLOW)));
  const runs = await Promise.all(created.map((run) => waitFor(node, run.id)));
  for (const run of runs) expect(run).toMatchObject({ state: SUSPENDED, inputRequest: { key } });
  return runs;
}

/** Answers every run through `node`; resolves with each once it waits again or ended. */
async function answer(node: FlowApp, runs: FlowRun[], key: string): Promise<FlowRun[]> {
  await Promise.all(runs.map((run) => node.runs.resumeFlowRun(run.id, { note: run.id.slice(0, 4) }, key)));
  return Promise.all(runs.map((run) => waitFor(node, run.id)));
}

it("a v1-only node and a v2-only node sharing a database never replay each other's runs", async () => {
  const v1 = await startNode(ExpenseV1);
  const v2 = await startNode(ExpenseV2);
  const oldRuns = await startRuns(v1, 'approve');
  const newRuns = await startRuns(v2, 'manager');
  expect(oldRuns.every((run) => run.flowVersion === '1') && newRuns.every((run) => run.flowVersion === '2')).toBe(true);

  // Each run is answered through the other node: resumed, it is SCHEDULED, and both nodes claim.
  const oldDone = await answer(v2, oldRuns, 'approve');
  for (const run of oldDone) {
    expect(run).toMatchObject({ state: COMPLETED, result: ['v1', 'prepared', `approved:${run.id.slice(0, 4)}`] });
  }
  const managed = await answer(v1, newRuns, 'manager');
  for (const run of managed) expect(run).toMatchObject({ state: SUSPENDED, inputRequest: { key: 'approve' } });
  const newDone = await answer(v1, managed, 'approve');
  for (const run of newDone) {
    const note = run.id.slice(0, 4);
    expect(run).toMatchObject({ state: COMPLETED, result: ['v2', 'prepared', 'audited', `manager:${note}`, `approved:${note}`] });
  }
});

it('runs of a version whose last node left wait, visibly, until a node that replays that version comes', async () => {
  const v1 = await startNode(ExpenseV1);
  const v2 = await startNode(ExpenseV2);
  const oldRuns = await startRuns(v1, 'approve');
  await stopNode(v1); // the rolling deploy takes the last v1 node down

  await Promise.all(oldRuns.map((run) => v2.runs.resumeFlowRun(run.id, { note: 'late' }, 'approve')));
  const unserved = unservedMessage({ flowName: ROUTED_FLOW, version: '1' });
  await until(async () => {
    const page = await v2.runs.listFlowRuns({ flowName: ROUTED_FLOW, flowVersion: '1' });
    return page.runs.every((run) => run.state === FlowRunState.SCHEDULED && run.stateMessage === unserved);
  }, 'every v1 run to say no node serves it');
  const versions = v2.app.get(FlowVersionService);
  expect(await versions.listFlowVersions(ROUTED_FLOW)).toEqual([
    expect.objectContaining({ version: '1', nodes: 0, scheduled: RUNS, current: false }),
    expect.objectContaining({ version: '2', nodes: 1, runs: 0, current: true }),
  ]);

  // A node of version 2 that replays version 1 (its change guarded by patched) takes them.
  const v2ReplaysV1 = await startNode(ExpenseV2ReplaysV1);
  const done = await Promise.all(oldRuns.map((run) => waitFor(v2ReplaysV1, run.id)));
  for (const run of done) expect(run).toMatchObject({ state: COMPLETED, result: ['v2', 'prepared', 'approved:late'] });
  expect(await versions.listFlowVersions(ROUTED_FLOW)).toEqual([
    expect.objectContaining({ version: '1', nodes: 1, runs: 0 }),
    expect.objectContaining({ version: '2', nodes: 2, runs: 0 }),
  ]);
});
