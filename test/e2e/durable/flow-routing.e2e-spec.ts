import type { Type } from '@nestjs/common';
import {
  FlowRunNotFoundError,
  FlowRunState,
  FlowVersionServedError,
  FlowVersionService,
  InvalidStateTransitionError,
  type FlowRun,
} from '../../../src/index.js';
import { unservedMessage } from '../../../src/engine/unserved-runs.js';
import {
  ExpenseTasks,
  ExpenseV1,
  ExpenseV2,
  ExpenseV2ReplaysV1,
  ROUTED_FLOW,
} from '../../fixtures/durable/versioned-expense.flows.js';
import { createFlowApp, type FlowApp } from '../../helpers/flow-app.js';
import { until } from '../../helpers/child-app.js';
import { sample } from '../../helpers/metrics.js';
import { NESTFLOW_METRICS, type NestflowMetrics } from '../../../src/observability/nestflow-metrics.js';
import { tempSqlite } from '../../helpers/temp-sqlite.js';

const { SCHEDULED, SUSPENDED, COMPLETED, FAILED, CANCELLED } = FlowRunState;
const WAITED = [SUSPENDED, COMPLETED, FAILED, CANCELLED];

/**
 * One SQLite file, deployed three times: version 1, then version 2 (serving only its own runs),
 * then version 2 declaring `replays: ['1']`. Runs of a version the node does not serve are never
 * claimed: they say so, and an operator may move them (audited) or cancel them.
 */
describe('flow versions across deploys on one SQLite file: routing and operator tools', () => {
  const file = tempSqlite();
  let app: FlowApp | undefined;
  afterEach(async () => {
    await app?.close();
    app = undefined;
  });
  afterAll(() => file.cleanup());

  async function deploy(flows: Type): Promise<FlowApp> {
    await app?.close();
    app = await createFlowApp([ExpenseTasks, flows], {
      database: { type: 'sqlite', path: file.path },
      worker: { auditIntervalMs: 50 },
      metrics: { path: false },
    });
    return app;
  }
  const versions = () => app!.app.get(FlowVersionService);
  const waitFor = (id: string) => app!.runs.waitForFlowRun(id, { states: WAITED, timeout: 5000 });
  async function suspendedAt(key: string): Promise<FlowRun> {
    const run = await waitFor((await app!.runs.createFlowRun(ROUTED_FLOW)).id);
    expect(run).toMatchObject({ state: SUSPENDED, inputRequest: { key } });
    return run;
  }
  async function answer(id: string, key: string, note: string): Promise<FlowRun> {
    await app!.runs.resumeFlowRun(id, { note }, key);
    return waitFor(id);
  }

  it('a v2-only node leaves v1 runs waiting, says so, and lets an operator move or cancel them', async () => {
    await deploy(ExpenseV1);
    const [moved, movedSuspended, cancelled] = [
      await suspendedAt('approve'),
      await suspendedAt('approve'),
      await suspendedAt('approve'),
    ];

    await deploy(ExpenseV2);
    await app!.runs.resumeFlowRun(moved.id, { note: 'old' }, 'approve');
    // Resumed, the v1 run is SCHEDULED; no node serves version 1, so nobody claims it, and it says why.
    const unserved = unservedMessage({ flowName: ROUTED_FLOW, version: '1' });
    const waiting = await until(async () => {
      const run = await app!.runs.getFlowRun(moved.id);
      return run.stateMessage === unserved && run;
    }, 'the unserved message');
    expect(waiting).toMatchObject({ state: SCHEDULED, flowVersion: '1' });
    const metrics = (await app!.app.get<NestflowMetrics>(NESTFLOW_METRICS).render()).body;
    expect(sample(metrics, 'nestflow_runs_unserved', { flow: ROUTED_FLOW, version: '1' })).toBe(1);
    expect(await versions().listFlowVersions(ROUTED_FLOW)).toEqual([
      expect.objectContaining({ version: '1', current: false, servedHere: false, nodes: 0, runs: 3, scheduled: 1, suspended: 2 }),
      expect.objectContaining({ version: '2', current: true, servedHere: true, nodes: 1, runs: 0 }),
    ]);

    // The operator's explicit move: replayed on the current code, which keeps the v1 path (patched is false).
    const by = { by: 'ops@example.com', reason: 'version 1 is retired' };
    expect(await versions().replayOnCurrentVersion(moved.id, by)).toMatchObject({ state: SCHEDULED, flowVersion: '2' });
    expect(await waitFor(moved.id)).toMatchObject({ state: COMPLETED, result: ['v2', 'prepared', 'approved:old'] });
    const history = (await app!.runs.getFlowRunStates(moved.id)).map((row) => row.message);
    expect(history).toContain(
      'Moved from version "1" to version "2" to replay on current code by ops@example.com: version 1 is retired',
    );
    // A SUSPENDED run moves while it waits; answered, it runs on version 2.
    expect(await versions().replayOnCurrentVersion(movedSuspended.id)).toMatchObject({ state: SUSPENDED, flowVersion: '2' });
    expect(await answer(movedSuspended.id, 'approve', 'later')).toMatchObject({
      state: COMPLETED,
      result: ['v2', 'prepared', 'approved:later'],
    });

    // An audited cancel for the last one.
    await app!.runs.cancelFlowRun(cancelled.id, { cancelledBy: 'ops@example.com', reason: 'obsolete' });
    const cancelledHistory = await app!.runs.getFlowRunStates(cancelled.id);
    expect(cancelledHistory.at(-1)).toMatchObject({ state: CANCELLED, message: 'Cancelled by ops@example.com: obsolete' });

    // Refusals change nothing.
    await expect(versions().replayOnCurrentVersion(moved.id)).rejects.toBeInstanceOf(FlowVersionServedError);
    await expect(versions().replayOnCurrentVersion('not-a-run')).rejects.toBeInstanceOf(FlowRunNotFoundError);
    expect(await versions().listFlowVersions(ROUTED_FLOW)).toEqual([expect.objectContaining({ version: '2', runs: 0 })]);
  });

  it("a node replaying v1 runs (replays: ['1']) finishes them on the v1 path; patches show which runs still need it", async () => {
    await deploy(ExpenseV1);
    const [first, second] = [await suspendedAt('approve'), await suspendedAt('approve')];

    await deploy(ExpenseV2ReplaysV1);
    const fresh = await suspendedAt('manager'); // a new run takes the patch
    // Both v1 runs wait at the patch's step without its marker: they need the old path.
    expect(await versions().listFlowPatches(ROUTED_FLOW)).toEqual([
      { patchId: 'manager-check', versions: ['2'], oldPathRuns: 2, markedRuns: 1 },
    ]);
    expect(await answer(first.id, 'approve', 'a')).toMatchObject({ state: COMPLETED, result: ['v2', 'prepared', 'approved:a'] });
    expect(await answer(second.id, 'approve', 'b')).toMatchObject({ state: COMPLETED, flowVersion: '1' });
    expect(await versions().listFlowPatches(ROUTED_FLOW)).toEqual([
      { patchId: 'manager-check', versions: ['2'], oldPathRuns: 0, markedRuns: 1 },
    ]);
    await answer(fresh.id, 'manager', 'boss');
    expect(await answer(fresh.id, 'approve', 'ok')).toMatchObject({
      state: COMPLETED,
      result: ['v2', 'prepared', 'audited', 'manager:boss', 'approved:ok'],
    });
    expect(await versions().listFlowPatches(ROUTED_FLOW)).toEqual([
      { patchId: 'manager-check', versions: ['2'], oldPathRuns: 0, markedRuns: 0 },
    ]);
    // Served here: nothing to move; a finished run is not movable either way.
    await expect(versions().replayOnCurrentVersion(first.id)).rejects.toBeInstanceOf(FlowVersionServedError);
    expect((await versions().listFlowVersions(ROUTED_FLOW)).map((v) => [v.version, v.servedHere, v.current])).toEqual([
      ['1', true, false],
      ['2', true, true],
    ]);
  });

  it('refuses to move a finished run', async () => {
    await deploy(ExpenseV1);
    const old = await suspendedAt('approve');
    await app!.runs.cancelFlowRun(old.id);
    await deploy(ExpenseV2);
    await expect(versions().replayOnCurrentVersion(old.id)).rejects.toBeInstanceOf(InvalidStateTransitionError);
    expect(await app!.runs.getFlowRun(old.id)).toMatchObject({ state: CANCELLED, flowVersion: '1' });
  });
});
