import { jest } from '@jest/globals';
import { ActiveRuns } from '../../../src/engine/active-runs.js';
import { EVENT_BUS, FlowRunState, type EventBus } from '../../../src/index.js';
import { DurableFlows } from '../../fixtures/durable/durable.flows.js';
import { SideEffects } from '../../fixtures/durable/side-effects.service.js';
import { createFlowApp, type FlowApp } from '../../helpers/flow-app.js';
import { eventually } from '../../helpers/graphql-app.js';

jest.setTimeout(180_000);

const WARM_UP = 500;
const RUNS = 5000;
let flowApp: FlowApp;

beforeAll(async () => (flowApp = await createFlowApp([SideEffects, DurableFlows], { worker: { concurrency: 50 } })));
afterAll(() => flowApp.close());

async function suspendMany(n: number): Promise<void> {
  const { runs, app } = flowApp;
  const target = (await runs.listFlowRuns({ states: [FlowRunState.SUSPENDED] }, { first: 1 })).totalCount + n;
  let seen = 0;
  const off = app.get<EventBus>(EVENT_BUS).subscribe('run.state', (event) => event.state === FlowRunState.SUSPENDED && seen++);
  for (let i = 0; i < n; i += 100) {
    await Promise.all(Array.from({ length: Math.min(100, n - i) }, () => runs.createFlowRun('suspend-right-away')));
  }
  const active = app.get(ActiveRuns);
  await eventually(() => seen === n && active.size() === 0, `${n} runs to suspend and leave memory`, 150_000);
  off();
  const suspended = (await runs.listFlowRuns({ states: [FlowRunState.SUSPENDED] }, { first: 1 })).totalCount;
  expect(suspended).toBe(target);
}

function heapAfterGc(): number {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('Run the suite with node --expose-gc (npm test does)');
  gc();
  gc();
  return process.memoryUsage().heapUsed;
}

it(`${RUNS} suspended runs leave the heap near its baseline`, async () => {
  await suspendMany(WARM_UP); // JIT, statement caches and module state settle first
  const baseline = heapAfterGc();
  await suspendMany(RUNS);
  const after = heapAfterGc();
  const perRun = (after - baseline) / RUNS;
  process.stdout.write(
    `[memory] baseline ${(baseline / 2 ** 20).toFixed(1)} MiB, after ${RUNS} suspended runs ${(after / 2 ** 20).toFixed(1)} MiB ` +
      `(${perRun.toFixed(0)} B/run)\n`,
  );
  // Generous bound: a leaked context (closures, timers, promises) costs several KiB per run.
  expect(perRun).toBeLessThan(500);
});
