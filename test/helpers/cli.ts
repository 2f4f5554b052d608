import { runCli as runProgram } from '../../src/cli/nestflow.program.js';
import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';

/** The compiled CLI (`npm test`'s pretest builds dist/). */
export const CLI_MAIN = resolve('dist/src/cli/main.js');

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface CliOptions {
  /** Added to the environment; NESTFLOW_URL and NESTFLOW_API_KEY of the test process never leak in. */
  env?: Record<string, string>;
  /** Written to the CLI's standard input, which is then closed. */
  stdin?: string;
}

/** A running CLI process whose output the test can wait on. */
export interface CliProcess {
  child: ChildProcess;
  readonly stdout: string;
  readonly stderr: string;
  /** Resolves once `stream` matches `pattern`; fails if the process exits first or time runs out. */
  waitFor(stream: 'stdout' | 'stderr', pattern: RegExp | string, timeoutMs?: number): Promise<void>;
  /** Resolves when the process exits. */
  exited: Promise<CliResult>;
}

export function spawnCli(args: string[], options: CliOptions = {}): CliProcess {
  const env: NodeJS.ProcessEnv = { ...process.env, ...options.env };
  for (const name of ['NESTFLOW_URL', 'NESTFLOW_API_KEY']) if (!options.env?.[name]) delete env[name];
  const child = spawn(process.execPath, [CLI_MAIN, ...args], { env, stdio: ['pipe', 'pipe', 'pipe'] });
  const output = { stdout: '', stderr: '' };
  const listeners = new Set<() => void>();
  const changed = () => listeners.forEach((listener) => listener());
  child.stdout!.on('data', (chunk) => ((output.stdout += chunk), changed()));
  child.stderr!.on('data', (chunk) => ((output.stderr += chunk), changed()));
  child.stdin!.end(options.stdin ?? '');
  const exited = new Promise<CliResult>((done) => child.once('close', (code) => (changed(), done({ code, ...output }))));
  const waitFor = (stream: 'stdout' | 'stderr', pattern: RegExp | string, timeoutMs = 15_000) =>
    new Promise<void>((resolveWait, reject) => {
      const matches = () => (typeof pattern === 'string' ? output[stream].includes(pattern) : pattern.test(output[stream]));
      const timeout = () => new Error(`No ${pattern} on ${stream} within ${timeoutMs} ms:\n${output.stdout}\n${output.stderr}`);
      const timer = setTimeout(() => finish(timeout()), timeoutMs);
      const check = () => {
        if (matches()) finish();
        else if (child.exitCode !== null || child.signalCode !== null)
          finish(new Error(`CLI exited before ${pattern}:\n${output.stderr}`));
      };
      const finish = (error?: Error) => {
        clearTimeout(timer);
        listeners.delete(check);
        if (error) reject(error);
        else resolveWait();
      };
      listeners.add(check);
      check();
    });
  return {
    child,
    get stdout() {
      return output.stdout;
    },
    get stderr() {
      return output.stderr;
    },
    waitFor,
    exited,
  };
}

/** Runs `nestflow <args>` to the end. */
export function runCli(args: string[], options: CliOptions = {}): Promise<CliResult> {
  return spawnCli(args, options).exited;
}

/** Runs a `--json` command that must succeed and returns its parsed stdout. */
export async function runCliJson<T = unknown>(args: string[], options: CliOptions = {}): Promise<T> {
  return succeeded<T>(args, await runCli([...args, '--json'], options));
}

/** The parsed stdout of a `--json` command that had to succeed. */
function succeeded<T>(args: string[], result: CliResult): T {
  if (result.code !== 0) throw new Error(`nestflow ${args.join(' ')} exited ${result.code}:\n${result.stderr}`);
  return JSON.parse(result.stdout) as T;
}

/**
 * Runs `nestflow <args>` inside this process, its stdout and stderr captured: the same program
 * (`runCli` of src/cli) without starting a Node process per command, so a suite of many commands
 * costs seconds, not a core. Real exit codes, stdin and signals are `runCli`'s (spawned) to test.
 * Commands run one at a time (the streams are patched while one runs).
 */
export async function runCliHere(args: string[]): Promise<CliResult> {
  const output = { stdout: '', stderr: '' };
  const writes = { stdout: process.stdout.write, stderr: process.stderr.write };
  const capture = (stream: 'stdout' | 'stderr') =>
    ((chunk: string | Uint8Array) => {
      output[stream] += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
      return true;
    }) as typeof process.stdout.write;
  process.stdout.write = capture('stdout');
  process.stderr.write = capture('stderr');
  try {
    const code = await runProgram(['node', 'nestflow', ...args]);
    return { code, ...output };
  } finally {
    process.stdout.write = writes.stdout;
    process.stderr.write = writes.stderr;
  }
}

/** `runCliJson` in this process (see `runCliHere`). */
export async function runCliJsonHere<T = unknown>(args: string[]): Promise<T> {
  return succeeded<T>(args, await runCliHere([...args, '--json']));
}
