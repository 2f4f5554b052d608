import type { DataSource } from 'typeorm';
import { FlowRunState as S, RetentionService, type FlowRunService } from '../../src/index.js';
import { LifecycleFlows } from '../fixtures/lifecycle.flows.js';
import { RecorderService } from '../fixtures/recorder.service.js';
import { graphqlAppOn, type StoreType } from '../fixtures/store-flow-app.js';
import { gql } from '../helpers/gql-client.js';
import { rowsOf } from '../helpers/run-rows.js';

const HOUR = 3_600_000;
const FINAL = [S.COMPLETED, S.FAILED, S.CANCELLED];

const PRUNE = `mutation ($olderThan: String!, $states: [FlowRunState!], $dryRun: Boolean) {
  pruneFlowRuns(olderThan: $olderThan, states: $states, dryRun: $dryRun) { dryRun count runIds finishedBefore }
}`;

/** Makes a run look finished (or last changed) `hoursAgo`, as SQL: the way a run gets old. */
async function backdate(dataSource: DataSource, id: string, hoursAgo: number): Promise<void> {
  const at = new Date(Date.now() - hoursAgo * HOUR).toISOString();
  const value = dataSource.options.type === 'postgres' ? at : at.replace('T', ' ').replace('Z', '');
  const param = dataSource.options.type === 'postgres' ? (n: number) => `$${n}` : () => '?';
  await dataSource.query(`UPDATE flow_runs SET updated_at = ${param(1)}, created_at = ${param(2)} WHERE id = ${param(3)}`, [
    value,
    value,
    id,
  ]);
}

const gone = (rows: Record<string, number>) => Object.values(rows).every((n) => n === 0);

async function finished(runs: FlowRunService, flowName: string, parameters?: unknown): Promise<string> {
  const run = await runs.createFlowRun(flowName, parameters);
  return (await runs.waitForFlowRun(run.id, { states: FINAL, timeout: 5000 })).id;
}

describe.each<[StoreType]>([['sqlite'], ['postgres']])('retention on %s', (store) => {
  // The worker keeps COMPLETED runs 1 h and FAILED runs 2 h; CANCELLED runs are kept forever.
  const app = graphqlAppOn(store, [LifecycleFlows, RecorderService], {
    retention: { completed: '1h', failed: 7200, intervalMs: 100, batchSize: 2 },
  });

  /** A COMPLETED run with rows in the history, inputs, mailbox and request tables. */
  async function richRun(): Promise<string> {
    const { runs } = app();
    const run = await runs.createFlowRun('cancellable');
    await runs.waitForFlowRun(run.id, { states: [S.PAUSED], timeout: 5000 });
    await runs.sendInput(run.id, { text: 'note' }, { key: 'm-1', inputType: 'NoteInput', requestId: `send-${run.id}` });
    await runs.resumeFlowRun(run.id, { text: 'ok' }, undefined, { requestId: `resume-${run.id}` });
    return (await runs.waitForFlowRun(run.id, { states: FINAL, timeout: 5000 })).id;
  }

  it('the worker deletes finished runs past their state retention with all their rows, and nothing else', async () => {
    const { runs, dataSource } = app();
    const oldCompleted = await richRun();
    const recentCompleted = await finished(runs, 'echo', { n: 1 });
    const oldFailed = await finished(runs, 'explode');
    const recentFailed = await finished(runs, 'explode');
    const cancelled = await runs.createFlowRun('cancellable');
    await runs.cancelFlowRun(cancelled.id);
    const paused = await runs.createFlowRun('cancellable');
    await runs.waitForFlowRun(paused.id, { states: [S.PAUSED], timeout: 5000 });
    const before = await rowsOf(dataSource, oldCompleted);
    expect(before).toMatchObject({ flow_runs: 1, flow_run_inputs: 1, flow_run_mailbox: 1, flow_run_requests: 2 });
    expect(before.flow_run_states).toBeGreaterThan(3);

    await backdate(dataSource, oldCompleted, 2); // > 1 h: deleted
    await backdate(dataSource, recentCompleted, 0.5); // < 1 h: kept
    await backdate(dataSource, oldFailed, 3); // > 2 h: deleted
    await backdate(dataSource, recentFailed, 1.5); // < 2 h: kept
    await backdate(dataSource, cancelled.id, 24 * 365); // kept forever
    await backdate(dataSource, paused.id, 24 * 365); // unfinished: never deleted

    const deadline = Date.now() + 5000;
    while (!(gone(await rowsOf(dataSource, oldCompleted)) && gone(await rowsOf(dataSource, oldFailed)))) {
      if (Date.now() > deadline) throw new Error('retention did not delete the old runs within 5 s');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    for (const id of [recentCompleted, recentFailed, cancelled.id, paused.id]) {
      expect((await rowsOf(dataSource, id)).flow_runs).toBe(1);
      expect((await rowsOf(dataSource, id)).flow_run_states).toBeGreaterThan(0);
    }
    expect(await runs.findFlowRun(oldCompleted)).toBeNull();
    expect((await runs.getFlowRun(paused.id)).state).toBe(S.PAUSED);
    await runs.cancelFlowRun(paused.id);
  });

  it('pruneFlowRuns: bad input is BAD_USER_INPUT and deletes nothing; the dry run lists what the prune deletes', async () => {
    const { runs, dataSource, httpUrl } = app();
    const cancel = async (hoursAgo: number) => {
      const run = await runs.createFlowRun('cancellable');
      await runs.cancelFlowRun(run.id);
      await backdate(dataSource, run.id, hoursAgo);
      return run.id;
    };
    const old = [await cancel(24 * 30), await cancel(24 * 20), await cancel(24 * 10)];
    const recent = await cancel(24 * 2);
    const waiting = await runs.createFlowRun('cancellable');
    await runs.waitForFlowRun(waiting.id, { states: [S.PAUSED], timeout: 5000 });
    await backdate(dataSource, waiting.id, 24 * 365);

    for (const [variables, nestflowCode] of [
      [{ olderThan: 'soon' }, 'INVALID_DURATION'],
      [{ olderThan: '-5d' }, 'INVALID_DURATION'],
      [{ olderThan: '1d', states: ['CANCELLED', 'PAUSED'] }, 'NOT_FINAL_STATE'],
    ] as const) {
      const { data, errors } = await gql(httpUrl, PRUNE, variables);
      expect(data).toBeNull();
      expect(errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', nestflowCode });
    }
    for (const id of [...old, recent, waiting.id]) expect((await rowsOf(dataSource, id)).flow_runs).toBe(1);

    // Oldest first; an old CANCELLED run of the test before is listed (first) too.
    const dry = (await gql(httpUrl, PRUNE, { olderThan: '5d', states: ['CANCELLED'], dryRun: true })).data.pruneFlowRuns;
    expect(dry).toMatchObject({ dryRun: true, runIds: expect.arrayContaining(old) });
    expect(dry.runIds.slice(-3)).toEqual(old);
    expect(dry.runIds).not.toContain(recent);
    expect(dry.count).toBe(dry.runIds.length);
    for (const id of dry.runIds) expect((await rowsOf(dataSource, id)).flow_runs).toBe(1);

    const pruned = await gql(httpUrl, PRUNE, { olderThan: '5d', states: ['CANCELLED'] });
    expect(pruned.data.pruneFlowRuns).toMatchObject({ dryRun: false, count: dry.count, runIds: dry.runIds });
    for (const id of dry.runIds) expect(gone(await rowsOf(dataSource, id))).toBe(true);
    expect((await rowsOf(dataSource, recent)).flow_runs).toBe(1);
    expect((await runs.getFlowRun(waiting.id)).state).toBe(S.PAUSED);
    await runs.cancelFlowRun(waiting.id);
  });

  it('RetentionService prunes every final state by default, and never an unfinished run', async () => {
    const { app: nest, runs, dataSource } = app();
    const retention = nest.get(RetentionService);
    const waiting = await runs.createFlowRun('cancellable');
    await runs.waitForFlowRun(waiting.id, { states: [S.PAUSED], timeout: 5000 });
    await backdate(dataSource, waiting.id, 24 * 365);
    const done = await finished(runs, 'echo');
    await backdate(dataSource, done, 24 * 365);
    const result = await retention.pruneFlowRuns({ olderThan: '300d' });
    expect(result.runIds).toContain(done);
    expect(result.runIds).not.toContain(waiting.id);
    expect(await runs.findFlowRun(done)).toBeNull();
    expect((await runs.getFlowRun(waiting.id)).state).toBe(S.PAUSED);
    await runs.cancelFlowRun(waiting.id);
  });
});

describe('pruneFlowRuns is authorized as the action prune, for every flow', () => {
  const seen: unknown[] = [];
  const app = graphqlAppOn('sqlite', [LifecycleFlows, RecorderService], {
    security: {
      authorize: (_principal, action, target) => {
        if (action === 'prune') seen.push(target);
        return action !== 'prune';
      },
    },
  });

  it('a refusal is FORBIDDEN and deletes nothing', async () => {
    const { runs, dataSource, httpUrl } = app();
    const done = await finished(runs, 'echo');
    await backdate(dataSource, done, 24 * 100);
    const { data, errors } = await gql(httpUrl, PRUNE, { olderThan: '1d' });
    expect(data).toBeNull();
    expect(errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN', action: 'prune' });
    expect(seen).toEqual([{ flowName: '*', run: null, resumableBy: null }]);
    expect((await rowsOf(dataSource, done)).flow_runs).toBe(1);
  });
});
