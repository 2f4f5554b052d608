import Database from 'better-sqlite3';
import { ShirtStockService } from '../../src/demo/shop/shirt-stock.service.js';
import { ShopFlows } from '../../src/demo/shop/shop.flows.js';
import { FlowRunState } from '../../src/index.js';
import { RecorderService } from '../fixtures/recorder.service.js';
import { TaskFlows } from '../fixtures/task.flows.js';
import { createFlowApp, type FlowApp } from '../helpers/flow-app.js';

interface TaskRow {
  task_key: string;
  task_name: string;
  state: string;
  result: string | null;
  error: string | null;
  attempts: number;
}

let flowApp: FlowApp;
let recorder: RecorderService;
beforeAll(async () => {
  flowApp = await createFlowApp([TaskFlows, RecorderService, ShopFlows, ShirtStockService]);
  recorder = flowApp.app.get(RecorderService);
});
afterAll(() => flowApp.close());

/** task_runs rows of a run, read through nestflow's own DataSource. */
function taskRows(runId: string): Promise<TaskRow[]> {
  return flowApp.dataSource.query(
    'SELECT task_key, task_name, state, result, error, attempts FROM task_runs WHERE run_id = ? ORDER BY id',
    [runId],
  );
}

describe('@Task calls', () => {
  it('are stored with keys <task-name>-<n> and their JSON results', async () => {
    const { runs } = flowApp;
    const run = await runs.createFlowRun('price-order', { quantity: 2 });
    await runs.waitForFlowRun(run.id, { states: [FlowRunState.COMPLETED] });
    expect((await runs.getFlowRun(run.id)).result).toBe(4200);

    const rows = await taskRows(run.id);
    expect(rows.map(({ task_key, task_name, state, attempts }) => [task_key, task_name, state, attempts])).toEqual([
      ['look-up-price-1', 'look-up-price', 'COMPLETED', 1],
      ['look-up-price-2', 'look-up-price', 'COMPLETED', 1],
      ['tax-1', 'tax', 'COMPLETED', 1],
    ]);
    expect(rows.map((row) => JSON.parse(row.result!))).toEqual([
      { item: 'shirt', cents: 1500 },
      { item: 'shipping', cents: 500 },
      { total: 4200, rate: 0.2 },
    ]);
    expect(rows.every((row) => row.error === null)).toBe(true);
  });

  it('numbers keys per run, not per process', async () => {
    const { runs } = flowApp;
    const [a, b] = await Promise.all([
      runs.createFlowRun('price-order', { quantity: 1 }),
      runs.createFlowRun('price-order', { quantity: 3 }),
    ]);
    await Promise.all([runs.waitForFlowRun(a.id), runs.waitForFlowRun(b.id)]);
    for (const id of [a.id, b.id]) {
      expect((await taskRows(id)).map((row) => row.task_key)).toEqual(['look-up-price-1', 'look-up-price-2', 'tax-1']);
    }
  });

  it('records a failed task with its error, and the run fails with it', async () => {
    const { runs } = flowApp;
    const run = await runs.createFlowRun('failing-task');
    const done = await runs.waitForFlowRun(run.id);
    expect(done.state).toBe(FlowRunState.FAILED);
    expect((await runs.getFlowRun(run.id)).error).toMatchObject({ message: 'No price for unknown item' });

    const rows = await taskRows(run.id);
    expect(rows.map((row) => [row.task_key, row.state])).toEqual([
      ['look-up-price-1', 'COMPLETED'],
      ['look-up-price-2', 'FAILED'],
    ]);
    expect(JSON.parse(rows[1].error!)).toMatchObject({ name: 'Error', message: 'No price for unknown item' });
    expect(rows[1].result).toBeNull();
  });

  it('runs each task body once per call', async () => {
    const before = recorder.events.filter((e) => e === 'price shipping').length;
    const run = await flowApp.runs.createFlowRun('price-order', { quantity: 1 });
    await flowApp.runs.waitForFlowRun(run.id);
    expect(recorder.events.filter((e) => e === 'price shipping').length).toBe(before + 1);
  });

  it('are plain method calls outside a flow run (nothing stored)', async () => {
    const flows = flowApp.app.get(TaskFlows);
    const count = async () => (await flowApp.dataSource.query('SELECT COUNT(*) AS n FROM task_runs'))[0].n as number;
    const before = await count();
    await expect(flows.lookUpPrice('shirt')).resolves.toEqual({ item: 'shirt', cents: 1500 });
    expect(await count()).toBe(before);
  });

  it('stores the seed flow reserve task, visible in the SQLite file itself', async () => {
    const { runs } = flowApp;
    const paused = await flowApp.startPaused('get-shirt-order');
    await runs.resumeFlowRun(paused.id, { size: 'xlarge', color: 'red' });
    await runs.waitForFlowRun(paused.id, { states: [FlowRunState.COMPLETED] });

    const db = new Database(flowApp.sqlitePath, { readonly: true, fileMustExist: true });
    try {
      const row = db.prepare('SELECT task_key, state, result FROM task_runs WHERE run_id = ?').get(paused.id) as TaskRow;
      expect(row).toMatchObject({ task_key: 'reserve-1', state: 'COMPLETED' });
      expect(JSON.parse(row.result!)).toEqual({ sku: 'xlarge-red', reserved: 1 });
      const input = db.prepare('SELECT key, value FROM flow_run_inputs WHERE run_id = ?').get(paused.id) as {
        key: string;
        value: string;
      };
      expect(input.key).toBe('pause-1');
      expect(JSON.parse(input.value)).toEqual({ size: 'xlarge', color: 'red' });
    } finally {
      db.close();
    }
  });
});
