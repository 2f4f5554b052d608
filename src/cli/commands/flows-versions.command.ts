import type { Command } from 'commander';
import { commandContext } from '../command.context.js';
import { FLOW_PATCHES, FLOW_VERSIONS } from '../graphql.documents.js';
import type { FlowPatchView, FlowVersionView } from '../graphql.views.js';
import { patchesTable, versionsTable } from '../versions.format.js';

/**
 * `nestflow flows versions [flow]`: unfinished runs per flow version and the live nodes serving
 * each; `nestflow flows patches <flow>`: which patched() calls old runs still need.
 */
export function registerFlowsVersionsCommands(flows: Command): void {
  flows
    .command('versions')
    .argument('[flow]', 'one flow (default: all)')
    .description('unfinished runs per flow version, and how many live nodes serve each version')
    .action(async (flowName: string | undefined, _flags: object, command: Command) => {
      const { client, out } = commandContext(command);
      const data = await client.request<{ flowVersions: FlowVersionView[] }>(FLOW_VERSIONS, { flowName: flowName ?? null });
      out.result(data.flowVersions, () => versionsTable(data.flowVersions));
    });
  flows
    .command('patches')
    .argument('<flow>', 'flow name')
    .description("the patched() calls a flow's runs took, and how many unfinished runs still need each")
    .action(async (flowName: string, _flags: object, command: Command) => {
      const { client, out } = commandContext(command);
      const data = await client.request<{ flowPatches: FlowPatchView[] }>(FLOW_PATCHES, { flowName });
      out.result(data.flowPatches, () => patchesTable(flowName, data.flowPatches));
    });
}
