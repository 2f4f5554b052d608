import { jest } from '@jest/globals';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FlowRunService, FlowRunState } from '../../../src/index.js';
import { FailOnceFlows } from '../../fixtures/fail-once.flows.js';
import { runCli, runCliHere, runCliJsonHere } from '../../helpers/cli.js';
import { startDemoApp, type GraphqlApp } from '../../helpers/graphql-app.js';

// Each test starts the CLI (a Node process) up to eight times: 30 s was too little on a loaded 2-core machine.
jest.setTimeout(90_000);

/* eslint-disable @typescript-eslint/no-explicit-any -- --json output is checked by the expects */

let server: GraphqlApp;
let runs: FlowRunService;
let dir: string;

beforeAll(async () => {
  server = await startDemoApp({}, [FailOnceFlows]);
  runs = server.app.get(FlowRunService);
  dir = mkdtempSync(join(tmpdir(), 'nestflow-cli-'));
});

afterAll(async () => {
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

// In this process: the same program, without a Node process per command (exit codes of real processes: exit-codes.e2e-spec).
const cli = (...args: string[]) => runCliHere(['--url', server.httpUrl, ...args]);
const cliJson = <T = any>(...args: string[]) => runCliJsonHere<T>(['--url', server.httpUrl, ...args]);

/** Starts `flow` with the CLI and waits (in the server) until the run pauses. */
async function startPaused(flow: string): Promise<string> {
  const started = await cli('runs', 'start', flow);
  expect(started).toMatchObject({ code: 0, stderr: '' });
  const id = /Started run (\S+) of /.exec(started.stdout)![1];
  await runs.waitForFlowRun(id, { states: [FlowRunState.PAUSED], timeout: 5000 });
  return id;
}

it('flows ls: a table of the flows, and the same as JSON', async () => {
  const table = await cli('flows', 'ls');
  expect(table.code).toBe(0);
  expect(table.stdout).toMatch(/^NAME\s+VERSION\s+INPUTS\s+TIMEOUT\s+DESCRIPTION$/m);
  expect(table.stdout).toMatch(/^get-shirt-order\s+1\s+ShirtOrder\s+-\s+Ask a customer for a shirt order$/m);
  expect(table.stdout).toMatch(/^greet-user\s+1\s+UserNameInput\s+/m);

  const flows = await cliJson('flows', 'ls');
  expect(flows).toEqual(
    expect.arrayContaining([
      {
        name: 'get-shirt-order',
        version: '1',
        replays: [],
        description: 'Ask a customer for a shirt order',
        inputTypes: ['ShirtOrder'],
        timeout: null,
        parametersType: null,
        parametersSchema: null,
      },
      expect.objectContaining({ name: 'greet-user', inputTypes: ['UserNameInput'] }),
      expect.objectContaining({ name: 'buy-shirt', parametersType: 'ShirtPurchase' }),
    ]),
  );
  // A flow with a parameters class: its fields under the table, as runs start --param takes them.
  expect(table.stdout).toMatch(/^Parameters of buy-shirt \(ShirtPurchase, runs start buy-shirt --param name=value\)$/m);
  expect(table.stdout).toMatch(/^ {2}Maximum price \(EUR\) \(maxPrice\)\s+integer, required, min 10, max 100$/m);
});

it('runs start --param: typed by the parameters schema; refused parameters exit 3 per field, no run created', async () => {
  const started = await cliJson(
    'runs',
    'start',
    'buy-shirt',
    '--params',
    '{"customer": "Bob"}',
    '--param',
    'customer=Ada',
    '--param',
    'maxPrice=20',
    '--param',
    'preferredColor=green',
  );
  expect(started).toMatchObject({
    flowName: 'buy-shirt',
    parameters: { customer: 'Ada', maxPrice: 20, preferredColor: 'green' },
  });
  const paused = await runs.waitForFlowRun(started.id, { states: [FlowRunState.PAUSED], timeout: 5000 });
  expect(paused.inputRequest).toMatchObject({ inputType: 'ShirtOrder', initialData: { color: 'green' } });

  const before = (await runs.listFlowRuns({ flowName: 'buy-shirt' })).totalCount;
  const refused = await cli('runs', 'start', 'buy-shirt', '--param', 'customer=', '--param', 'maxPrice=cheap');
  expect(refused.code).toBe(3);
  expect(refused.stdout).toBe('');
  expect(refused.stderr.split('\n')).toEqual([
    'The server rejected the parameters; no run was created. Fix these fields:',
    expect.stringMatching(/^customer: customer must be longer than or equal to 1 characters$/),
    expect.stringMatching(/^maxPrice: .*maxPrice must be an integer number/),
    '',
  ]);
  expect((await runs.listFlowRuns({ flowName: 'buy-shirt' })).totalCount).toBe(before);
  expect((await cli('runs', 'start', 'buy-shirt', '--param', 'maxPrice')).code).toBe(2);
});

describe('a shirt order, from start to completion', () => {
  let id: string;
  beforeAll(async () => (id = await startPaused('get-shirt-order')));

  it('runs ls lists it, and --state filters', async () => {
    const all = await cli('runs', 'ls');
    expect(all.stdout).toMatch(
      new RegExp(`^${id}\\s+get-shirt-order\\s+1\\s+PAUSED\\s+\\S+\\s+Shirt order \\(key pause-1\\)$`, 'm'),
    );
    const paused = await cliJson('runs', 'ls', '--state', 'paused', '--flow', 'get-shirt-order');
    expect(paused.runs.map((run: any) => run.id)).toContain(id);
    expect(paused.runs.every((run: any) => run.state === 'PAUSED')).toBe(true);
    const byVersion = await cliJson('runs', 'ls', '--flow', 'get-shirt-order', '--flow-version', '1');
    expect(byVersion.runs.map((run: any) => run.id)).toContain(id);
    expect((await cli('runs', 'ls', '--flow-version', 'no-such-version')).stdout).toMatch(/^No runs match\.$/m);
    const finished = await cliJson('runs', 'ls', '--state', 'COMPLETED,FAILED', '--state', 'cancelled');
    expect(finished.runs.map((run: any) => run.id)).not.toContain(id);
  });

  it('runs show prints what it waits for: title, key, input type, fields of the schema by title and name', async () => {
    const { code, stdout } = await cli('runs', 'show', id);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^State\s+PAUSED/m);
    expect(stdout).toMatch(/^Waiting for input: Shirt order$/m);
    expect(stdout).toMatch(/^ {2}Key\s+pause-1$/m);
    expect(stdout).toMatch(/^ {2}Input type\s+ShirtOrder$/m);
    expect(stdout).toMatch(/^ {4}Size \(size\)\s+string, required, one of: small, medium, large, xlarge$/m);
    expect(stdout).toMatch(/^ {4}Colour \(color\)\s+string, required, one of: red, green, black$/m);
    expect(stdout).toContain(`nestflow runs resume ${id} --input`);
  });

  it('runs needs-answer lists it with its title and expiry, and the counts', async () => {
    const { code, stdout } = await cli('runs', 'needs-answer', '--flow', 'get-shirt-order');
    expect(code).toBe(0);
    const { expiresAt } = (await runs.getFlowRun(id)).inputRequest!;
    const expires = expiresAt!.replace(/\.\d+Z$/, 'Z');
    expect(stdout).toMatch(/^ID\s+FLOW\s+WAITING\s+TITLE\s+EXPIRES\s+CREATED$/m);
    expect(stdout).toMatch(new RegExp(`^${id}\\s+get-shirt-order\\s+PAUSED\\s+Shirt order\\s+${expires}\\s+\\S+Z$`, 'm'));
    expect(stdout).toMatch(/^1 waiting: 1 paused, 0 suspended, 0 receiving$/m);
    const json = await cliJson('runs', 'needs-answer', '--flow', 'get-shirt-order', '--limit', '5');
    expect(json).toMatchObject({ counts: { total: 1 }, runs: [{ id, inputRequest: { title: 'Shirt order' } }] });
    expect((await cli('runs', 'needs-answer', '--limit', '201')).code).toBe(2);
  });

  it('resume with invalid input prints the violation on color, exits 3 and leaves the run PAUSED', async () => {
    const result = await cli('runs', 'resume', id, '--input', '{"size": "small", "color": "green"}');
    expect(result.code).toBe(3);
    expect(result.stdout).toBe('');
    expect(result.stderr.split('\n')).toContain('color: Green is only in-stock for medium, large, and XL sizes.');
    expect((await runs.getFlowRun(id)).state).toBe(FlowRunState.PAUSED);
  });

  it('resume --json with invalid input puts the violations in a JSON error on stderr', async () => {
    const result = await cli('runs', 'resume', id, '--json', '--input', '{"size": "small", "color": "green", "gift": true}');
    expect(result.code).toBe(3);
    const { error } = JSON.parse(result.stderr);
    expect(error).toMatchObject({ exitCode: 3, code: 'BAD_USER_INPUT' });
    expect(error.violations.map((violation: any) => violation.path).sort()).toEqual(['color', 'gift']);
  });

  it('valid resume exits 0 and the run completes; show then prints result and logs', async () => {
    const result = await cli('runs', 'resume', id, '--key', 'pause-1', '--input', '{"size": "large", "color": "green"}');
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout).toBe(`Resumed run ${id}; it is RUNNING.\n`);
    await runs.waitForFlowRun(id, { states: [FlowRunState.COMPLETED], timeout: 5000 });

    const { stdout } = await cli('runs', 'show', id);
    expect(stdout).toMatch(/^State\s+COMPLETED$/m);
    expect(stdout).toContain('{"size":"large","color":"green","sku":"large-green"}');
    expect(stdout).toMatch(/^ {2}\S+\s+info\s+Shirt order: large, green$/m);
    expect(stdout).not.toContain('Waiting for input');
  });

  it('resume again exits 5 (conflict) and cancel of the finished run too', async () => {
    const again = await cli('runs', 'resume', id, '--input', '{"size": "large", "color": "red"}');
    expect(again.code).toBe(5);
    expect(again.stderr).toMatch(/^Error: .*already resumed/m);
    expect((await cli('runs', 'cancel', id)).code).toBe(5);
  });
});

it('resume --input-file reads the input from a file (and - from stdin)', async () => {
  const id = await startPaused('greet-user');
  const file = join(dir, 'user.json');
  writeFileSync(file, JSON.stringify({ name: 'Ada' }));
  expect((await cli('runs', 'resume', id, '--input-file', file)).code).toBe(0);
  const done = await runs.waitForFlowRun(id, { states: [FlowRunState.COMPLETED], timeout: 5000 });
  expect(done.result).toBe('Hello, Ada!');

  const other = await startPaused('greet-user');
  const piped = await runCli(['--url', server.httpUrl, 'runs', 'resume', other, '--input-file', '-'], {
    stdin: '{"name": "Grace"}',
  });
  expect(piped.code).toBe(0);
  expect((await runs.waitForFlowRun(other, { states: [FlowRunState.COMPLETED], timeout: 5000 })).result).toBe('Hello, Grace!');
});

it('runs retry: a FAILED run is replayed, audited; a bad step exits 2, an unknown run 4, a run not FAILED 5', async () => {
  const run = await runs.createFlowRun('ship-parcel');
  expect(await runs.waitForFlowRun(run.id, { timeout: 5000 })).toMatchObject({ state: FlowRunState.FAILED });
  expect(await cli('runs', 'retry', run.id, '--from-step', '0')).toMatchObject({
    code: 2,
    stderr: expect.stringContaining('Use a whole number from 1'),
  });
  const retried = await cliJson('runs', 'retry', run.id, '--from-step', '1', '--reason', 'carrier is back');
  expect(retried).toMatchObject({ id: run.id, state: 'SCHEDULED' });
  expect(await runs.waitForFlowRun(run.id, { timeout: 5000 })).toMatchObject({
    state: FlowRunState.COMPLETED,
    result: 'shipped',
  });
  const history = await runs.getFlowRunStates(run.id);
  expect(history.map((entry) => entry.message)).toContain('Retried from step 1: carrier is back');
  expect((await cli('runs', 'retry', run.id)).code).toBe(5);
  expect((await cli('runs', 'retry', '00000000-0000-4000-8000-000000000000')).code).toBe(4);
});

it('--json output of start, show, cancel and ls parses', async () => {
  const started = await cliJson('runs', 'start', 'greet-user', '--params', '{"source": "cli"}');
  expect(started).toMatchObject({ flowName: 'greet-user', parameters: { source: 'cli' } });
  await runs.waitForFlowRun(started.id, { states: [FlowRunState.PAUSED], timeout: 5000 });

  const shown = await cliJson('runs', 'show', started.id);
  expect(shown).toMatchObject({ id: started.id, state: 'PAUSED', inputRequest: { key: 'pause-1', inputType: 'UserNameInput' } });
  expect(shown.inputRequest.schema.properties.name).toMatchObject({ type: 'string' });
  expect(shown.states.map((state: any) => state.state)).toEqual(['SCHEDULED', 'RUNNING', 'PAUSED']);

  expect(await cliJson('runs', 'cancel', started.id)).toMatchObject({ id: started.id, state: 'CANCELLED' });
  const page = await cliJson('runs', 'ls', '--state', 'CANCELLED', '--limit', '1');
  expect(page).toMatchObject({ totalCount: 1, hasNextPage: false, runs: [{ id: started.id, state: 'CANCELLED' }] });
});

it('resume and cancel with --request-id: the same command again succeeds again instead of exit 5, and applies once', async () => {
  const id = await startPaused('greet-user');
  const resume = ['runs', 'resume', id, '--input', '{"name": "Ada"}', '--request-id', `cli-${id}`];
  expect(await cli(...resume)).toMatchObject({ code: 0, stderr: '' });
  await runs.waitForFlowRun(id, { states: [FlowRunState.COMPLETED], timeout: 5000 });
  expect(await cli(...resume)).toMatchObject({ code: 0, stderr: '' });
  expect(await runs.getFlowRunInputs(id)).toEqual([{ key: 'pause-1', inputType: 'UserNameInput', value: { name: 'Ada' } }]);
  // The same requestId for another change is refused (exit 1, IDEMPOTENCY_KEY_REUSED), nothing changed.
  const other = await startPaused('greet-user');
  const reused = await cli('runs', 'resume', other, '--input', '{"name": "Ada"}', '--request-id', `cli-${id}`);
  expect(reused.code).toBe(1);
  expect(reused.stderr).toMatch(/requestId "cli-.*" was already used/);

  const cancel = ['runs', 'cancel', other, '--request-id', `cli-cancel-${other}`];
  expect(await cli(...cancel)).toMatchObject({ code: 0 });
  expect(await cli(...cancel)).toMatchObject({ code: 0 });
  expect((await cli('runs', 'cancel', other)).code).toBe(5);
});

it('flows versions and patches, cancel --reason (in the history), replay-on-current of a served version exits 5', async () => {
  const run = await runs.createFlowRun('greet-user');
  await runs.waitForFlowRun(run.id, { states: [FlowRunState.PAUSED], timeout: 5000 });
  const table = await cli('flows', 'versions', 'greet-user');
  expect(table.code).toBe(0);
  expect(table.stdout).toMatch(/^FLOW\s+VERSION\s+HERE\s+NODES\s+RUNS\s+SCHED\/RUN\/PAUSED\/SUSP$/m);
  expect(table.stdout).toMatch(/^greet-user\s+1\s+current\s+1\s+[1-9]\d*\s+0\/0\/[1-9]\d*\/0$/m);
  const patches = await cli('flows', 'patches', 'greet-user');
  expect(patches).toMatchObject({ code: 0, stdout: 'No run of greet-user has taken a patched() call yet.\n' });

  const replay = await cli('runs', 'replay-on-current', run.id, '--reason', 'try');
  expect(replay.code).toBe(5);
  expect(replay.stderr).toContain(`is on version "1" of flow "greet-user", which this node serves`);
  expect(await cliJson('runs', 'cancel', run.id, '--reason', 'duplicate order')).toMatchObject({ state: 'CANCELLED' });
  expect((await runs.getFlowRunStates(run.id)).at(-1)).toMatchObject({
    state: 'CANCELLED',
    message: 'Cancelled: duplicate order',
  });
});

it('runs show of a pause with reminders counts them and says when the next is due', async () => {
  const id = await startPaused('expense-approval');
  const { code, stdout } = await cli('runs', 'show', id);
  expect(code).toBe(0);
  const next = (await runs.getFlowRun(id)).nextReminderAt!.toISOString().replace(/\.\d+Z$/, 'Z');
  expect(stdout).toMatch(new RegExp(`^ {2}Reminders\\s+0 of 3 sent, next ${next}$`, 'm'));
  await runs.cancelFlowRun(id);
});
