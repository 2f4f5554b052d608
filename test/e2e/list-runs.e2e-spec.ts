import { GreetFlows } from '../../src/demo/greet/greet.flows.js';
import { FlowRunState, InvalidCursorError, type FlowRun } from '../../src/index.js';
import { LifecycleFlows } from '../fixtures/lifecycle.flows.js';
import { RecorderService } from '../fixtures/recorder.service.js';
import { createFlowApp, type FlowApp } from '../helpers/flow-app.js';

let flowApp: FlowApp;
let paused: FlowRun[];
let completed: FlowRun[];

beforeAll(async () => {
  flowApp = await createFlowApp([GreetFlows, LifecycleFlows, RecorderService]);
  const { runs } = flowApp;
  // One at a time, so creation order is also createdAt order.
  paused = [];
  completed = [];
  for (let i = 0; i < 3; i++) {
    paused.push(await flowApp.startPaused('greet-user'));
    const run = await runs.createFlowRun('echo', i);
    completed.push(await runs.waitForFlowRun(run.id, { states: [FlowRunState.COMPLETED] }));
  }
});
afterAll(() => flowApp.close());

const ids = (runs: FlowRun[]) => runs.map((run) => run.id);

describe('listFlowRuns', () => {
  it('lists every run newest first', async () => {
    const page = await flowApp.runs.listFlowRuns();
    expect(page.totalCount).toBe(6);
    expect(page.hasNextPage).toBe(false);
    const times = page.runs.map((run) => run.createdAt.getTime());
    expect([...times].sort((a, b) => b - a)).toEqual(times);
    expect(new Set(ids(page.runs))).toEqual(new Set([...ids(paused), ...ids(completed)]));
  });

  it('filters by state', async () => {
    const pausedPage = await flowApp.runs.listFlowRuns({ states: [FlowRunState.PAUSED] });
    expect(pausedPage.totalCount).toBe(3);
    expect(new Set(ids(pausedPage.runs))).toEqual(new Set(ids(paused)));
    expect(pausedPage.runs.every((run) => run.state === FlowRunState.PAUSED && run.inputRequest !== null)).toBe(true);

    const done = await flowApp.runs.listFlowRuns({ states: [FlowRunState.COMPLETED] });
    expect(new Set(ids(done.runs))).toEqual(new Set(ids(completed)));

    const both = await flowApp.runs.listFlowRuns({ states: [FlowRunState.COMPLETED, FlowRunState.PAUSED] });
    expect(both.totalCount).toBe(6);

    const none = await flowApp.runs.listFlowRuns({ states: [FlowRunState.FAILED] });
    expect(none).toMatchObject({ runs: [], cursors: [], totalCount: 0, hasNextPage: false });
  });

  it('filters by flow name and state together', async () => {
    const page = await flowApp.runs.listFlowRuns({ flowName: 'echo', states: [FlowRunState.PAUSED] });
    expect(page.totalCount).toBe(0);
    const echo = await flowApp.runs.listFlowRuns({ flowName: 'echo' });
    expect(new Set(ids(echo.runs))).toEqual(new Set(ids(completed)));
  });

  it('pages with cursors without gaps or repeats', async () => {
    const { runs } = flowApp;
    const all = await runs.listFlowRuns({}, { first: 100 });
    const seen: string[] = [];
    let after: string | undefined;
    const hasNext: boolean[] = [];
    do {
      const page = await runs.listFlowRuns({}, { first: 4, after });
      expect(page.runs.length).toBeLessThanOrEqual(4);
      expect(page.cursors).toHaveLength(page.runs.length);
      expect(page.totalCount).toBe(6);
      seen.push(...ids(page.runs));
      hasNext.push(page.hasNextPage);
      after = page.hasNextPage ? page.cursors[page.cursors.length - 1] : undefined;
    } while (after);
    expect(hasNext).toEqual([true, false]);
    expect(seen).toEqual(ids(all.runs));
  });

  it('pages a state filter, the cursor carrying on after the last run', async () => {
    const { runs } = flowApp;
    const first = await runs.listFlowRuns({ states: [FlowRunState.PAUSED] }, { first: 2 });
    expect(first.runs).toHaveLength(2);
    expect(first.hasNextPage).toBe(true);
    const second = await runs.listFlowRuns({ states: [FlowRunState.PAUSED] }, { first: 2, after: first.cursors[1] });
    expect(second.runs).toHaveLength(1);
    expect(second.hasNextPage).toBe(false);
    expect(new Set([...ids(first.runs), ...ids(second.runs)])).toEqual(new Set(ids(paused)));
    // Newest first (ties on createdAt broken by id): the first page holds the two created last.
    const newestFirst = [...paused].sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || (a.id < b.id ? 1 : -1));
    expect(ids(first.runs)).toEqual(ids(newestFirst.slice(0, 2)));
    expect(ids(second.runs)).toEqual(ids(newestFirst.slice(2)));
  });

  it('resumes after a middle cursor', async () => {
    const all = await flowApp.runs.listFlowRuns({}, { first: 6 });
    const rest = await flowApp.runs.listFlowRuns({}, { first: 6, after: all.cursors[2] });
    expect(ids(rest.runs)).toEqual(ids(all.runs).slice(3));
  });

  it('treats first: 0 as an empty page that knows there is more', async () => {
    const page = await flowApp.runs.listFlowRuns({}, { first: 0 });
    expect(page).toMatchObject({ runs: [], hasNextPage: true, totalCount: 6 });
  });

  it('rejects a cursor it did not issue', async () => {
    await expect(flowApp.runs.listFlowRuns({}, { after: 'not-a-cursor' })).rejects.toBeInstanceOf(InvalidCursorError);
  });
});
