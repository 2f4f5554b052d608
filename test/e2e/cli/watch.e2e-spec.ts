import { FlowRunService, FlowRunState } from '../../../src/index.js';
import { CREATE_RUN, RESUME_RUN } from '../../helpers/demo-runs.js';
import { gqlData } from '../../helpers/gql-client.js';
import { spawnCli, type CliProcess } from '../../helpers/cli.js';
import { eventually, startDemoApp, type GraphqlApp } from '../../helpers/graphql-app.js';

let server: GraphqlApp;
let watchers: CliProcess[] = [];
beforeAll(async () => (server = await startDemoApp()));
afterEach(async () => {
  for (const watcher of watchers) if (watcher.child.exitCode === null) watcher.child.kill('SIGKILL');
  await Promise.all(watchers.map((watcher) => watcher.exited));
  watchers = [];
});
afterAll(() => server?.close());

/** Starts `runs watch` and resolves once the server holds its subscription. */
async function watch(...args: string[]): Promise<CliProcess> {
  const listeners = server.bus.listenerCount('run.state');
  const watcher = spawnCli(['--url', server.httpUrl, 'runs', 'watch', ...args]);
  watchers.push(watcher);
  await watcher.waitFor('stderr', 'Watching runs on');
  await eventually(() => server.bus.listenerCount('run.state') > listeners, 'the watch subscription');
  return watcher;
}

const start = async (flow: string): Promise<string> => (await gqlData(server.httpUrl, CREATE_RUN, { flow })).createFlowRun.id;

it('prints the pause and each state change as they happen, and exits 0 on SIGINT', async () => {
  const watcher = await watch();
  const id = await start('get-shirt-order');
  await watcher.waitFor('stdout', new RegExp(`${id}  get-shirt-order  PAUSED  waits for Shirt order, key pause-1: Pick a size`));

  await gqlData(server.httpUrl, RESUME_RUN, { id, input: { size: 'large', color: 'black' } });
  await watcher.waitFor('stdout', `${id}  get-shirt-order  COMPLETED`);
  watcher.child.kill('SIGINT');
  const { code, stdout } = await watcher.exited;
  expect(code).toBe(0);
  const lines = stdout
    .trim()
    .split('\n')
    .filter((line) => line.includes(id));
  const states = lines.map((line) => line.split(/\s+/)[3]);
  expect(states).toEqual(['SCHEDULED', 'RUNNING', 'PAUSED', 'RUNNING', 'COMPLETED']);
});

it('--json --flow: one JSON object per line, paused events carry the input request', async () => {
  const watcher = await watch('--json', '--flow', 'greet-user');
  await start('get-shirt-order'); // another flow: filtered out by the server
  const id = await start('greet-user');
  await watcher.waitFor('stdout', '"event":"paused"');
  await server.app.get(FlowRunService).cancelFlowRun(id);
  await watcher.waitFor('stdout', '"CANCELLED"');
  watcher.child.kill('SIGINT');
  const { code, stdout } = await watcher.exited;
  expect(code).toBe(0);
  const events = stdout
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line));
  expect(events.map((event) => [event.event, event.run.state])).toEqual([
    ['state', 'SCHEDULED'],
    ['state', 'RUNNING'],
    ['paused', 'PAUSED'],
    ['state', 'CANCELLED'],
  ]);
  expect(events.every((event) => event.run.id === id)).toBe(true);
  expect(events[2].run.inputRequest).toMatchObject({
    key: 'pause-1',
    inputType: 'UserNameInput',
    initialData: { name: 'anonymous' },
  });
});

it('--id: only that run', async () => {
  const id = await start('greet-user');
  await server.app.get(FlowRunService).waitForFlowRun(id, { states: [FlowRunState.PAUSED], timeout: 5000 });
  const watcher = await watch('--id', id);
  const other = await start('greet-user');
  await gqlData(server.httpUrl, RESUME_RUN, { id, input: { name: 'Ada' } });
  await watcher.waitFor('stdout', `${id}  greet-user  COMPLETED`);
  watcher.child.kill('SIGTERM');
  const { code, stdout } = await watcher.exited;
  expect(code).toBe(0);
  expect(stdout).not.toContain(other);
});

it('exits 7 when the server goes away under it', async () => {
  const own = await startDemoApp();
  const watcher = spawnCli(['--url', own.httpUrl, 'runs', 'watch']);
  watchers.push(watcher);
  await watcher.waitFor('stderr', 'Watching runs on');
  await own.close();
  const { code, stderr } = await watcher.exited;
  expect(code).toBe(7);
  expect(stderr).toContain('Lost the connection');
});
