import { randomUUID } from 'node:crypto';
import type { Command } from 'commander';
import { commandContext } from '../command.context.js';
import { CANCEL_FLOW_RUN } from '../graphql.documents.js';
import type { RunView } from '../graphql.views.js';

/**
 * `nestflow runs cancel <id>`: cancels a run that has not finished (a finished one exits 5).
 * Retried while the server or its database is unreachable, under one requestId.
 */
export function registerRunsCancelCommand(runs: Command): void {
  runs
    .command('cancel')
    .argument('<id>', 'run id')
    .description('cancel a run that has not finished')
    .option('--reason <text>', "why (kept in the run's history with who cancelled)")
    .option('--request-id <id>', 'idempotency key: the same command again with it succeeds again (default: a new one)')
    .action(async (id: string, flags: { requestId?: string; reason?: string }, command: Command) => {
      const { client, out } = commandContext(command);
      const requestId = flags.requestId ?? randomUUID();
      const { cancelFlowRun: run } = await client.requestIdempotent<{ cancelFlowRun: RunView }>(CANCEL_FLOW_RUN, {
        id,
        requestId,
        reason: flags.reason ?? null,
      });
      out.result(run, () => [`Cancelled run ${run.id} (${run.state}).`]);
    });
}
