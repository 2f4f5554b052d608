import { spawn, type ChildProcess } from 'node:child_process';
import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import type { HostApp } from './host-app.js';
import { tail } from './shell.js';

/** The built app running as a child process (`node dist/main.js`). */
export interface RunningApp {
  url: string;
  child: ChildProcess;
  output(): string;
  /** The exit code, or the signal's name when a signal ended it. */
  exited: Promise<number | string | null>;
}

export { freePort } from '../../bench/support/free-port.js';

/** Starts the app and resolves once /graphql answers; fails with its output if it dies first. */
export async function startApp(app: HostApp, port: number, timeoutMs = 60_000): Promise<RunningApp> {
  appendFileSync(app.logFile, `\n$ PORT=${port} node dist/main.js\n`);
  const child = spawn(app.node, [join('dist', 'main.js')], { cwd: app.dir, env: { ...app.env, PORT: String(port) } });
  let output = '';
  const collect = (chunk: Buffer) => {
    output += chunk.toString();
    appendFileSync(app.logFile, chunk);
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  const exited = new Promise<number | string | null>((done) => child.on('exit', (code, signal) => done(code ?? signal)));
  const running: RunningApp = { url: `http://127.0.0.1:${port}`, child, output: () => output, exited };
  const deadline = Date.now() + timeoutMs;
  let gone = false;
  void exited.then(() => (gone = true));
  while (!gone && Date.now() < deadline) {
    if (await answers(`${running.url}/graphql`)) return running;
    await sleep(200);
  }
  child.kill('SIGKILL');
  throw new Error(`the app did not start (${gone ? 'it exited' : `no answer in ${timeoutMs} ms`}):\n${tail(output, 40)}`);
}

async function answers(url: string): Promise<boolean> {
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    return response.ok;
  } catch {
    return false;
  }
}

/** SIGKILL: the process dies at once, as in a crash; nothing is handed over. */
export async function killApp(app: RunningApp): Promise<void> {
  app.child.kill('SIGKILL');
  await app.exited;
}

/**
 * SIGTERM: the app's shutdown hooks run (`enableShutdownHooks`), then Nest re-raises the signal,
 * so the process ends by SIGTERM (or exits 0); it must do so within the timeout.
 */
export async function stopApp(app: RunningApp, timeoutMs = 20_000): Promise<void> {
  const before = app.output().length;
  app.child.kill('SIGTERM');
  const code = await Promise.race([app.exited, sleep(timeoutMs).then(() => 'timeout' as const)]);
  if (code === 'timeout') {
    app.child.kill('SIGKILL');
    throw new Error(`the app did not exit within ${timeoutMs} ms of SIGTERM:\n${tail(app.output())}`);
  }
  if (code !== 0 && code !== 'SIGTERM') throw new Error(`the app exited with ${code} on SIGTERM:\n${tail(app.output())}`);
  const shutdownOutput = app.output().slice(before);
  if (/\bERROR\b/.test(shutdownOutput)) throw new Error(`the app logged an error while shutting down:\n${tail(shutdownOutput)}`);
}

export function sleep(ms: number): Promise<void> {
  return new Promise((done) => setTimeout(done, ms));
}
