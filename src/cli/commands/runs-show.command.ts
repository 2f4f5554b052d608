import type { Command } from 'commander';
import { CliError } from '../cli.error.js';
import { commandContext } from '../command.context.js';
import { ExitCode } from '../exit-codes.js';
import { runDetails } from '../format.js';
import { FLOW_RUN } from '../graphql.documents.js';
import type { RunView } from '../graphql.views.js';

/** `nestflow runs show <id>`: one run with its input request, history and logs. */
export function registerRunsShowCommand(runs: Command): void {
  runs
    .command('show')
    .argument('<id>', 'run id')
    .description('show a run: state, what it waits for (key, input schema), history and logs')
    .action(async (id: string, _flags: object, command: Command) => {
      const { client, out } = commandContext(command);
      const { flowRun } = await client.request<{ flowRun: RunView | null }>(FLOW_RUN, { id });
      if (!flowRun) throw new CliError(`Flow run "${id}" does not exist.`, ExitCode.NOT_FOUND, 'NOT_FOUND');
      out.result(flowRun, () => runDetails(flowRun));
    });
}
