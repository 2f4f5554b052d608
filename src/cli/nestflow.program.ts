import { readFileSync } from 'node:fs';
import { Command, CommanderError } from 'commander';
import { CliError } from './cli.error.js';
import { registerFlowsLsCommand } from './commands/flows-ls.command.js';
import { registerFlowsVersionsCommands } from './commands/flows-versions.command.js';
import { registerRunsCancelCommand } from './commands/runs-cancel.command.js';
import { registerRunsLsCommand } from './commands/runs-ls.command.js';
import { registerRunsNeedsAnswerCommand } from './commands/runs-needs-answer.command.js';
import { registerRunsPruneCommand } from './commands/runs-prune.command.js';
import { registerRunsReplayCommand } from './commands/runs-replay.command.js';
import { registerRunsResumeCommand } from './commands/runs-resume.command.js';
import { registerRunsRetryCommand } from './commands/runs-retry.command.js';
import { registerRunsShowCommand } from './commands/runs-show.command.js';
import { registerRunsStartCommand } from './commands/runs-start.command.js';
import { registerRunsWatchCommand } from './commands/runs-watch.command.js';
import { ExitCode } from './exit-codes.js';
import { Output } from './output.js';
import { DEFAULT_URL } from './server.options.js';

const EXIT_CODES_HELP = `
Exit codes:
  0  ok                        4  not found (run or flow)
  1  unexpected error          5  conflict (already resumed, not paused, finished, not failed)
  2  usage (flags, JSON)       6  unauthenticated or forbidden (API key)
  3  validation failed         7  server unreachable`;

/** The `nestflow` command tree. Settings are set before subcommands are added: they inherit them. */
export function createProgram(): Command {
  const program = new Command('nestflow')
    .description('Command-line client of a nestflow server (GraphQL over HTTP and graphql-ws).')
    .version(packageVersion())
    .option('--url <url>', `GraphQL endpoint (env NESTFLOW_URL; default ${DEFAULT_URL})`)
    .option('--api-key <key>', 'API key, sent as x-api-key (env NESTFLOW_API_KEY)')
    .option('--json', 'machine-readable output: JSON on stdout, errors as JSON on stderr')
    .exitOverride()
    .configureHelp({ showGlobalOptions: true })
    .showHelpAfterError('(add --help for usage)')
    .addHelpText('after', EXIT_CODES_HELP);

  const flows = program.command('flows').description('the flows the server can run, their versions and patches');
  registerFlowsLsCommand(flows);
  registerFlowsVersionsCommands(flows);

  const runs = program
    .command('runs')
    .description('list, show, start, resume, cancel, retry, replay, watch and prune runs; those that need an answer');
  registerRunsLsCommand(runs);
  registerRunsNeedsAnswerCommand(runs);
  registerRunsShowCommand(runs);
  registerRunsStartCommand(runs);
  registerRunsResumeCommand(runs);
  registerRunsCancelCommand(runs);
  registerRunsRetryCommand(runs);
  registerRunsReplayCommand(runs);
  registerRunsWatchCommand(runs);
  registerRunsPruneCommand(runs);
  return program;
}

/** Parses `argv`, runs the command and reports any failure; returns the exit code. */
export async function runCli(argv: string[]): Promise<ExitCode> {
  const program = createProgram();
  try {
    await program.parseAsync(argv);
    return ExitCode.OK;
  } catch (error) {
    // Commander has printed its own message (or the help / version it was asked for).
    if (error instanceof CommanderError) return error.exitCode === 0 ? ExitCode.OK : ExitCode.USAGE;
    const failure = error instanceof CliError ? error : unexpected(error);
    new Output(Boolean(program.opts().json)).error(failure);
    return failure.exitCode;
  }
}

function unexpected(error: unknown): CliError {
  const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
  return new CliError(message, ExitCode.UNEXPECTED, 'UNEXPECTED');
}

/** The installed package's version: main.js sits in dist/src/cli/. */
function packageVersion(): string {
  try {
    const pkg = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { version?: string };
    return pkg.version ?? 'unknown';
  } catch {
    return 'unknown';
  }
}
