import type { Command } from 'commander';
import { commandContext } from '../command.context.js';
import { limitParser } from '../limit.arguments.js';
import { needsAnswerTable } from '../format.js';
import { RUNS_NEEDING_ANSWER } from '../graphql.documents.js';
import type { NeedsAnswerView } from '../graphql.views.js';

/** The server's most runs per `runsNeedingAnswer`. */
const MAX_LIMIT = 200;

interface NeedsAnswerFlags {
  flow?: string;
  limit: number;
}

/** `nestflow runs needs-answer`: runs waiting for someone, the soonest to expire first. */
export function registerRunsNeedsAnswerCommand(runs: Command): void {
  runs
    .command('needs-answer')
    .description('list runs waiting for an answer (paused, suspended, receiving), the soonest to expire first')
    .option('--flow <name>', 'only runs of this flow')
    .option('--limit <n>', `how many, 1-${MAX_LIMIT}`, limitParser(MAX_LIMIT), 50)
    .action(async (flags: NeedsAnswerFlags, command: Command) => {
      const { client, out } = commandContext(command);
      const variables = { first: flags.limit, ...(flags.flow ? { flowName: flags.flow } : {}) };
      const { runsNeedingAnswer } = await client.request<{ runsNeedingAnswer: NeedsAnswerView }>(RUNS_NEEDING_ANSWER, variables);
      out.result(runsNeedingAnswer, () => needsAnswerTable(runsNeedingAnswer));
    });
}
