import type { Command } from 'commander';
import { commandContext } from '../command.context.js';
import { CANCEL_FLOW_RUN } from '../graphql.documents.js';
import type { RunView } from '../graphql.views.js';

/** `nestflow runs cancel <id>`: cancels a run that has not finished (a finished one exits 5). */
export function registerRunsCancelCommand(runs: Command): void {
  runs
    .command('cancel')
    .argument('<id>', 'run id')
    .description('cancel a run that has not finished')
    .action(async (id: string, _flags: object, command: Command) => {
      const { client, out } = commandContext(command);
      const { cancelFlowRun: run } = await client.request<{ cancelFlowRun: RunView }>(CANCEL_FLOW_RUN, { id });
      out.result(run, () => [`Cancelled run ${run.id} (${run.state}).`]);
    });
}
