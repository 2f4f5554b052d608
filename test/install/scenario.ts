import { join } from 'node:path';
import { freePort, killApp, sleep, startApp, stopApp } from './app-process.js';
import { frameCloseCode, gql, gqlData, openPausedFeed } from './graphql-client.js';
import type { HostApp } from './host-app.js';
import { run } from './shell.js';

/* eslint-disable @typescript-eslint/no-explicit-any -- GraphQL responses */

const CREATE = 'mutation($flow: String!) { createFlowRun(flowName: $flow) { id state } }';
const RESUME = 'mutation($id: ID!, $input: JSON) { resumeRun(id: $id, input: $input) { id state } }';
const RUN = 'query($id: ID!) { flowRun(id: $id) { id state result stateMessage } }';

/**
 * What the README's flows must do in an installed app: a pause answered over GraphQL (a bad
 * answer refused first), a suspended run surviving a kill and a restart, the web inbox, the CLI.
 */
export async function runScenario(app: HostApp, step: (name: string) => void): Promise<void> {
  let running = await startApp(app, await freePort());
  try {
    step('boot');
    await pausedRunToCompleted(running.url);
    step('pause → BAD_USER_INPUT → COMPLETED');
    const suspendedId = await suspendRun(running.url);
    step('suspend');
    await checkInbox(running.url);
    step('GET /ui');
    await checkSocketLimit(running.url);
    step('graphql-ws message over limits.maxMessageBytes: closed 1009');
    await checkCli(app, running.url, suspendedId);
    step('nestflow CLI');
    await killApp(running);
    running = await startApp(app, await freePort());
    await resumeAfterRestart(running.url, suspendedId);
    step('SIGKILL, restart, resume suspended → COMPLETED');
    await stopApp(running);
    step('SIGTERM: shut down cleanly');
  } finally {
    running.child.kill('SIGKILL');
  }
}

async function pausedRunToCompleted(url: string): Promise<void> {
  const feed = await openPausedFeed(url);
  try {
    const { createFlowRun } = await gqlData(url, CREATE, { flow: 'approve-refund' });
    const paused = await feed.next(createFlowRun.id);
    expect(paused.state === 'PAUSED' && paused.inputRequest?.inputType === 'Decision', 'pushed as PAUSED for a Decision', paused);
    const refused = await gql(url, RESUME, { id: createFlowRun.id, input: { approved: 'yes' } });
    expect(refused.errors?.[0]?.extensions?.code === 'BAD_USER_INPUT', 'an invalid answer gets BAD_USER_INPUT', refused);
    expect((await flowRun(url, createFlowRun.id)).state === 'PAUSED', 'the run stays PAUSED after a refused answer', null);
    await gqlData(url, RESUME, { id: createFlowRun.id, input: { approved: true } });
    const done = await waitForState(url, createFlowRun.id, 'COMPLETED');
    expect(done.result === 'refunded', 'the result is "refunded"', done);
  } finally {
    await feed.close();
  }
}

async function suspendRun(url: string): Promise<string> {
  const feed = await openPausedFeed(url);
  try {
    const { createFlowRun } = await gqlData(url, CREATE, { flow: 'approve-large-refund' });
    const suspended = await feed.next(createFlowRun.id);
    expect(suspended.state === 'SUSPENDED' && suspended.inputRequest?.suspended === true, 'pushed as SUSPENDED', suspended);
    return createFlowRun.id;
  } finally {
    await feed.close();
  }
}

async function resumeAfterRestart(url: string, id: string): Promise<void> {
  expect((await flowRun(url, id)).state === 'SUSPENDED', 'the suspended run is still SUSPENDED after the restart', null);
  await gqlData(url, RESUME, { id, input: { approved: false } });
  const done = await waitForState(url, id, 'COMPLETED');
  expect(done.result === 'refused after review', 'the replayed run completes with the answer', done);
}

/** The inbox page and one of its assets, from nestflow's own dist/ui in node_modules. */
async function checkInbox(url: string): Promise<void> {
  const page = await fetch(`${url}/ui`);
  const html = await page.text();
  expect(page.status === 200 && /text\/html/.test(page.headers.get('content-type') ?? ''), 'GET /ui is HTML', page.status);
  expect(html.includes('<base href="/ui/">'), '/ui is the built inbox (base href injected)', html.slice(0, 300));
  const asset = /(?:src|href)="\.?\/?(assets\/[^"]+\.js)"/.exec(html)?.[1];
  expect(Boolean(asset), 'index.html references a script in assets/', html.slice(0, 500));
  const script = await fetch(`${url}/ui/${asset}`);
  expect(script.status === 200, `GET /ui/${asset} is served`, script.status);
}

/** The `nestflow` bin from the installed package lists the runs. */
async function checkCli(app: HostApp, url: string, runId: string): Promise<void> {
  const bin = join(app.dir, 'node_modules', '.bin', 'nestflow');
  const { output } = await run(bin, ['runs', 'ls', '--json', '--url', `${url}/graphql`], {
    cwd: app.dir,
    env: app.env,
    logFile: app.logFile,
  });
  expect(output.includes(runId), '`nestflow runs ls --json` lists the suspended run', output.slice(0, 300));
}

/** nestflow caps the graphql-ws server's messages (`ws` maxPayload) in every Nest and module version. */
async function checkSocketLimit(url: string): Promise<void> {
  const code = await frameCloseCode(url.replace(/^http/, 'ws') + '/graphql', 512 * 1024);
  if (code !== 1009) throw new Error(`A 512 KiB graphql-ws message closed the socket with ${code}, not 1009 (message too big)`);
}

async function flowRun(url: string, id: string): Promise<any> {
  return (await gqlData(url, RUN, { id })).flowRun;
}

async function waitForState(url: string, id: string, state: string, timeoutMs = 20_000): Promise<any> {
  const deadline = Date.now() + timeoutMs;
  let last: any;
  while (Date.now() < deadline) {
    last = await flowRun(url, id);
    if (last.state === state) return last;
    await sleep(100);
  }
  throw new Error(`run ${id} did not reach ${state} within ${timeoutMs} ms: ${JSON.stringify(last)}`);
}

function expect(condition: boolean, what: string, actual: unknown): void {
  if (!condition) throw new Error(`expected: ${what}; got ${JSON.stringify(actual)}`);
}
