import type { Command } from 'commander';
import { commandContext } from '../command.context.js';
import { flowsTable } from '../format.js';
import { FLOWS } from '../graphql.documents.js';
import type { FlowView } from '../graphql.views.js';

/** `nestflow flows ls`: the flows the server can run. */
export function registerFlowsLsCommand(flows: Command): void {
  flows
    .command('ls')
    .alias('list')
    .description('list the flows the server can run')
    .action(async (_flags: object, command: Command) => {
      const { client, out } = commandContext(command);
      const data = await client.request<{ flows: FlowView[] }>(FLOWS);
      out.result(data.flows, () => flowsTable(data.flows));
    });
}
