import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { freePort } from '../../bench/support/free-port.js';
import { gql } from './gql-client.js';

/** A Nest app in a child process (compiled JS from `dist/`, built by `npm test`'s pretest). */
export interface ChildApp {
  url: string;
  process: ChildProcess;
  /** SIGKILL: no shutdown hooks, no hand-over; exactly a crash. */
  kill(): Promise<void>;
  /** SIGTERM and wait for a clean exit. */
  stop(): Promise<void>;
}

export const DEMO_MAIN = resolve('dist/src/demo/main.js');
export const DURABLE_MAIN = resolve('dist/test/fixtures/durable/main.js');

export { freePort };

/** Starts `script` with `env` and resolves once its GraphQL endpoint answers. */
export async function startChildApp(script: string, env: Record<string, string>, timeoutMs = 20_000): Promise<ChildApp> {
  const port = await freePort();
  const child = spawn(process.execPath, [script], {
    env: { ...process.env, ...env, PORT: String(port), NODE_ENV: 'test' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  const url = `http://127.0.0.1:${port}/graphql`;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${script} exited with ${child.exitCode}:\n${output}`);
    const up = await gql(url, '{ flows { name } }').then(
      () => true,
      () => false,
    );
    if (up) break;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`${script} did not answer within ${timeoutMs} ms:\n${output}`);
    }
    await new Promise((done) => setTimeout(done, 50));
  }
  const end = async (signal: NodeJS.Signals) => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    await exited;
  };
  return { url, process: child, kill: () => end('SIGKILL'), stop: () => end('SIGTERM') };
}

/** Polls `check` (cross-process facts have no event here) until it holds or time runs out. */
export async function until<T>(check: () => Promise<T | false>, what: string, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const result = await check();
    if (result !== false) return result;
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((done) => setTimeout(done, 50));
  }
}
