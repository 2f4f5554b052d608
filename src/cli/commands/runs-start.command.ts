import type { Command } from 'commander';
import { commandContext } from '../command.context.js';
import { CREATE_FLOW_RUN, FLOW_PARAMETERS } from '../graphql.documents.js';
import type { FlowView, RunView } from '../graphql.views.js';
import { jsonFromFlags } from '../json.arguments.js';
import { collectParam, paramsFromPairs } from '../param.arguments.js';

interface RunsStartFlags {
  params?: string;
  paramsFile?: string;
  param?: string[];
}

const PARAMS_HELP = `
A flow with a parameters class (nestflow flows ls lists its fields) takes them as --param pairs,
typed by its schema: --param customer=Ada --param maxPrice=20 (numbers, true/false, JSON for
arrays and objects, dotted names for nested fields: --param address.zip=12345). --param adds to
--params. Parameters the server refuses exit 3 with one line per field; no run is created.`;

/** `nestflow runs start <flow>`: schedules a run; it starts at once. */
export function registerRunsStartCommand(runs: Command): void {
  runs
    .command('start')
    .argument('<flow>', 'flow name (see: nestflow flows ls)')
    .description('start a run of a flow')
    .option('--params <json>', 'parameters of the run, as JSON')
    .option('--params-file <path>', 'parameters from a JSON file (- for stdin)')
    .option('--param <name=value>', 'one parameter field, typed by the flow’s parameters schema (repeatable)', collectParam)
    .addHelpText('after', PARAMS_HELP)
    .action(async (flowName: string, flags: RunsStartFlags, command: Command) => {
      const { client, out } = commandContext(command);
      const params = await jsonFromFlags(
        { text: flags.params, file: flags.paramsFile },
        { text: '--params', file: '--params-file' },
      );
      let parameters = params.value ?? null;
      if (flags.param?.length) {
        // The schema types the values; an unknown flow is left to createFlowRun (NOT_FOUND, exit 4).
        const { flows } = await client.request<{ flows: Array<Pick<FlowView, 'name' | 'parametersSchema'>> }>(FLOW_PARAMETERS);
        const schema = flows.find((flow) => flow.name === flowName)?.parametersSchema ?? null;
        parameters = paramsFromPairs(flags.param, schema, params.value);
      }
      const { createFlowRun: run } = await client.request<{ createFlowRun: RunView }>(CREATE_FLOW_RUN, { flowName, parameters });
      out.result(run, () => [`Started run ${run.id} of ${run.flowName} (${run.state}).`]);
    });
}
