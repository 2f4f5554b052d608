import type { Command } from 'commander';
import type { FlowRunState } from '../../domain/flow-run-state.js';
import { commandContext } from '../command.context.js';
import { PRUNE_FLOW_RUNS } from '../graphql.documents.js';
import type { PruneView } from '../graphql.views.js';
import { parseStates } from '../state.arguments.js';

interface RunsPruneFlags {
  olderThan: string;
  state?: FlowRunState[];
  dryRun?: boolean;
}

/**
 * `nestflow runs prune --older-than 30d`: deletes finished runs with all their rows. The server
 * checks the duration and the states (exit 3, nothing deleted); `--dry-run` lists the runs the
 * same command without it deletes.
 */
export function registerRunsPruneCommand(runs: Command): void {
  runs
    .command('prune')
    .description('delete finished runs (COMPLETED, FAILED, CANCELLED) that finished longer ago than --older-than')
    .requiredOption('--older-than <duration>', "seconds, or a duration such as '30d', '12h', '90m'")
    .option('--state <states>', 'only these final states, comma-separated or repeated (default: all three)', parseStates)
    .option('--dry-run', 'only count and list the runs that would be deleted')
    .action(async (flags: RunsPruneFlags, command: Command) => {
      const { client, out } = commandContext(command);
      const { pruneFlowRuns: result } = await client.request<{ pruneFlowRuns: PruneView }>(PRUNE_FLOW_RUNS, {
        olderThan: flags.olderThan,
        states: flags.state ?? null,
        dryRun: Boolean(flags.dryRun),
      });
      out.result(result, () => pruneLines(result));
    });
}

function pruneLines({ dryRun, count, runIds, finishedBefore }: PruneView): string[] {
  const what = `${count} run(s) that finished before ${finishedBefore}`;
  const more = count > runIds.length ? [`… and ${count - runIds.length} more`] : [];
  return [dryRun ? `Would delete ${what}:` : `Deleted ${what}:`, ...runIds.map((id) => `  ${id}`), ...more];
}
