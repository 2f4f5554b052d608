import type { Command } from 'commander';
import { commandContext } from '../command.context.js';
import { REPLAY_ON_CURRENT_VERSION } from '../graphql.documents.js';
import type { RunView } from '../graphql.views.js';

/**
 * `nestflow runs replay-on-current <id>`: moves a waiting run whose flow version no node serves to
 * the server's current version, to be replayed on the current code (audited in its history).
 */
export function registerRunsReplayCommand(runs: Command): void {
  runs
    .command('replay-on-current')
    .argument('<id>', 'run id')
    .description("move a waiting run of a version no node serves to the server's current version of its flow")
    .option('--reason <text>', "why (kept in the run's history with who asked)")
    .action(async (id: string, flags: { reason?: string }, command: Command) => {
      const { client, out } = commandContext(command);
      const { replayFlowRunOnCurrentVersion: run } = await client.request<{ replayFlowRunOnCurrentVersion: RunView }>(
        REPLAY_ON_CURRENT_VERSION,
        { id, reason: flags.reason ?? null },
      );
      out.result(run, () => [`Run ${run.id} is now on version ${run.flowVersion} of ${run.flowName} (${run.state}).`]);
    });
}
