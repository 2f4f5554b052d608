import type { Command } from 'commander';
import { commandContext } from '../command.context.js';
import { CREATE_FLOW_RUN } from '../graphql.documents.js';
import type { RunView } from '../graphql.views.js';
import { jsonFromFlags } from '../json.arguments.js';

interface RunsStartFlags {
  params?: string;
  paramsFile?: string;
}

/** `nestflow runs start <flow>`: schedules a run; it starts at once. */
export function registerRunsStartCommand(runs: Command): void {
  runs
    .command('start')
    .argument('<flow>', 'flow name (see: nestflow flows ls)')
    .description('start a run of a flow')
    .option('--params <json>', 'parameters of the run, as JSON')
    .option('--params-file <path>', 'parameters from a JSON file (- for stdin)')
    .action(async (flowName: string, flags: RunsStartFlags, command: Command) => {
      const { client, out } = commandContext(command);
      const params = await jsonFromFlags(
        { text: flags.params, file: flags.paramsFile },
        { text: '--params', file: '--params-file' },
      );
      const { createFlowRun: run } = await client.request<{ createFlowRun: RunView }>(CREATE_FLOW_RUN, {
        flowName,
        parameters: params.value ?? null,
      });
      out.result(run, () => [`Started run ${run.id} of ${run.flowName} (${run.state}).`]);
    });
}
