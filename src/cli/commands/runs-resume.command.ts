import { randomUUID } from 'node:crypto';
import type { Command } from 'commander';
import { commandContext } from '../command.context.js';
import { RESUME_RUN } from '../graphql.documents.js';
import type { RunView } from '../graphql.views.js';
import { jsonFromFlags } from '../json.arguments.js';

interface RunsResumeFlags {
  input?: string;
  inputFile?: string;
  key?: string;
  requestId?: string;
}

/**
 * `nestflow runs resume <id>`: answers a paused run. Invalid input exits 3 with one line per
 * rejected field and leaves the run waiting; a run that is not paused exits 5. Retried while the
 * server or its database is unreachable, under one requestId, so it never answers twice.
 */
export function registerRunsResumeCommand(runs: Command): void {
  runs
    .command('resume')
    .argument('<id>', 'run id')
    .description('answer a paused run with input')
    .option('--input <json>', 'the input, as JSON (omit for a pause that takes none)')
    .option('--input-file <path>', 'the input from a JSON file (- for stdin)')
    .option('--key <key>', 'the pause key (see: runs show); refused if the run waits for another')
    .option('--request-id <id>', 'idempotency key: the same command again with it never answers twice (default: a new one)')
    .action(async (id: string, flags: RunsResumeFlags, command: Command) => {
      const { client, out } = commandContext(command);
      const input = await jsonFromFlags({ text: flags.input, file: flags.inputFile }, { text: '--input', file: '--input-file' });
      const { resumeRun: run } = await client.requestIdempotent<{ resumeRun: RunView }>(RESUME_RUN, {
        id,
        input: input.value ?? null,
        key: flags.key ?? null,
        requestId: flags.requestId ?? randomUUID(),
      });
      out.result(run, () => [`Resumed run ${run.id}; it is ${run.state}.`]);
    });
}
