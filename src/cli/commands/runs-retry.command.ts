import { InvalidArgumentError, type Command } from 'commander';
import { commandContext } from '../command.context.js';
import { RETRY_FLOW_RUN } from '../graphql.documents.js';
import type { RunView } from '../graphql.views.js';
import { MAX_STEP } from '../../domain/errors/invalid-retry-step.error.js';

function parseStep(value: string): number {
  const step = Number(value);
  if (!Number.isInteger(step) || step < 1 || step > MAX_STEP)
    throw new InvalidArgumentError('Use a whole number from 1 (the first step).');
  return step;
}

/**
 * `nestflow runs retry <id>`: sends a FAILED run back to be replayed (audited in its history);
 * a run that is not FAILED, or that another retry moved first, exits 5.
 */
export function registerRunsRetryCommand(runs: Command): void {
  runs
    .command('retry')
    .argument('<id>', 'run id')
    .description('replay a FAILED run: recorded results and answers are kept, the step that failed runs again')
    .option('--from-step <n>', 'also run again every step from this one (1: the first durable call)', parseStep)
    .option('--reason <text>', "why (kept in the run's history with who retried)")
    .action(async (id: string, flags: { fromStep?: number; reason?: string }, command: Command) => {
      const { client, out } = commandContext(command);
      const { retryFlowRun: run } = await client.request<{ retryFlowRun: RunView }>(RETRY_FLOW_RUN, {
        id,
        reason: flags.reason ?? null,
        fromStep: flags.fromStep ?? null,
      });
      out.result(run, () => [`Retrying run ${run.id} of ${run.flowName} (${run.state}).`]);
    });
}
