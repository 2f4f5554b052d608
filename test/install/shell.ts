import { spawn } from 'node:child_process';
import { appendFileSync } from 'node:fs';

/** A command's outcome: exit code and everything it printed. */
export interface CommandResult {
  code: number | null;
  output: string;
}

export interface CommandOptions {
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** Every line the command prints is appended here too. */
  logFile: string;
  timeoutMs?: number;
  /** Exit codes that are not a failure (default: only 0). */
  okCodes?: number[];
}

/** Runs a command to its end (no shell); fails when it exits non-zero or runs too long. */
export async function run(command: string, args: string[], options: CommandOptions): Promise<CommandResult> {
  appendFileSync(options.logFile, `\n$ ${[command, ...args].join(' ')}   (in ${options.cwd})\n`);
  const child = spawn(command, args, { cwd: options.cwd, env: options.env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const collect = (chunk: Buffer) => {
    output += chunk.toString();
    appendFileSync(options.logFile, chunk);
  };
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 15 * 60_000);
  const code = await new Promise<number | null>((done, fail) => {
    child.on('error', fail);
    child.on('close', done);
  }).finally(() => clearTimeout(timer));
  if (!(options.okCodes ?? [0]).includes(code ?? -1)) {
    throw new Error(`\`${[command, ...args].join(' ')}\` exited with ${code}:\n${tail(output)}`);
  }
  return { code, output };
}

/** The last lines of a long output, for error messages. */
export function tail(text: string, lines = 25): string {
  return text.trimEnd().split('\n').slice(-lines).join('\n');
}

/**
 * The environment for a child npm/node: this process's, minus what `npm run` exported
 * (npm_config_*, npm_package_*, INIT_CWD would point the child npm at this repository).
 */
export function cleanEnv(extra: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^npm_|^INIT_CWD$/i.test(key)));
  return { ...env, ...extra };
}
