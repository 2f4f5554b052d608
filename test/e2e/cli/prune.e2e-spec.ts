import { jest } from '@jest/globals';
import type { DataSource } from 'typeorm';
import { FlowRunService, FlowRunState } from '../../../src/index.js';
import { NESTFLOW_DATA_SOURCE } from '../../../src/persistence/data-source.token.js';
import { runCliHere, runCliJsonHere } from '../../helpers/cli.js';
import { startDemoApp, type GraphqlApp } from '../../helpers/graphql-app.js';

// Each test starts the CLI (a Node process) a few times: 30 s can be too little on a loaded 2-core machine.
jest.setTimeout(60_000);

let server: GraphqlApp;
let runs: FlowRunService;
let dataSource: DataSource;

beforeAll(async () => {
  server = await startDemoApp();
  runs = server.app.get(FlowRunService);
  dataSource = server.app.get<DataSource>(NESTFLOW_DATA_SOURCE);
});

afterAll(() => server?.close());

// In this process (see runCliHere): the same program without a Node process per command.
const cli = (...args: string[]) => runCliHere(['--url', server.httpUrl, ...args]);
const cliJson = <T>(...args: string[]) => runCliJsonHere<T>(['--url', server.httpUrl, ...args]);

interface Pruned {
  dryRun: boolean;
  count: number;
  runIds: string[];
  finishedBefore: string;
}

/** A cancelled run of the demo that finished `daysAgo` (its row backdated with SQL). */
async function cancelledRun(daysAgo: number): Promise<string> {
  const run = await runs.createFlowRun('greet-user');
  await runs.waitForFlowRun(run.id, { states: [FlowRunState.PAUSED], timeout: 5000 });
  await runs.cancelFlowRun(run.id);
  const at = new Date(Date.now() - daysAgo * 86_400_000).toISOString().replace('T', ' ').replace('Z', '');
  await dataSource.query('UPDATE flow_runs SET updated_at = ?, created_at = ? WHERE id = ?', [at, at, run.id]);
  return run.id;
}

const exists = async (id: string) => (await runs.findFlowRun(id)) !== null;

it('runs prune --dry-run lists the runs that runs prune then deletes; newer and unfinished runs stay', async () => {
  const old = [await cancelledRun(90), await cancelledRun(60), await cancelledRun(45)];
  const recent = await cancelledRun(5);
  const waiting = await runs.createFlowRun('greet-user');
  await runs.waitForFlowRun(waiting.id, { states: [FlowRunState.PAUSED], timeout: 5000 });

  const text = await cli('runs', 'prune', '--older-than', '30d', '--dry-run');
  expect(text).toMatchObject({ code: 0, stderr: '' });
  expect(text.stdout).toMatch(/^Would delete 3 run\(s\) that finished before \S+:$/m);
  for (const id of old) expect(text.stdout).toContain(`  ${id}\n`);

  const dry = await cliJson<Pruned>('runs', 'prune', '--older-than', '30d', '--state', 'cancelled', '--dry-run');
  expect(dry).toMatchObject({ dryRun: true, count: 3, runIds: old });
  for (const id of old) expect(await exists(id)).toBe(true);

  const pruned = await cliJson<Pruned>('runs', 'prune', '--older-than', '30d', '--state', 'cancelled');
  expect(pruned).toMatchObject({ dryRun: false, count: 3, runIds: dry.runIds });
  for (const id of old) expect(await exists(id)).toBe(false);
  expect(await exists(recent)).toBe(true);
  expect((await runs.getFlowRun(waiting.id)).state).toBe(FlowRunState.PAUSED);

  const again = await cli('runs', 'prune', '--older-than', '30d');
  expect(again.stdout).toMatch(/^Deleted 0 run\(s\) that finished before \S+:$/m);
  await runs.cancelFlowRun(waiting.id);
});

it('bad input exits 3 (server refusal) or 2 (usage) and deletes nothing', async () => {
  const old = await cancelledRun(400);
  const unparsable = await cli('runs', 'prune', '--older-than', 'a while');
  expect(unparsable.code).toBe(3);
  expect(unparsable.stderr).toMatch(/olderThan: "a while" is not a duration/);
  const paused = await cli('--json', 'runs', 'prune', '--older-than', '1d', '--state', 'paused');
  expect(paused.code).toBe(3);
  expect(JSON.parse(paused.stderr)).toMatchObject({
    error: { exitCode: 3, code: 'BAD_USER_INPUT', message: expect.stringMatching(/^PAUSED is not a final state/) },
  });
  expect((await cli('runs', 'prune')).code).toBe(2);
  expect((await cli('runs', 'prune', '--older-than', '1d', '--state', 'someday')).code).toBe(2);
  expect(await exists(old)).toBe(true);
});
