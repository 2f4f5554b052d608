import type { Command } from 'commander';
import type { FlowRunState } from '../../domain/flow-run-state.js';
import { commandContext } from '../command.context.js';
import { limitParser } from '../limit.arguments.js';
import { runsTable } from '../format.js';
import { FLOW_RUNS } from '../graphql.documents.js';
import type { RunPageView, RunView } from '../graphql.views.js';
import { STATES, parseStates } from '../state.arguments.js';

/** Largest page: 400 rows of this listing cost 4401, under the server's default limits.maxQueryComplexity of 5000. */
const MAX_LIMIT = 400;

interface RunsLsFlags {
  state?: FlowRunState[];
  flow?: string;
  flowVersion?: string;
  limit: number;
  after?: string;
}

interface FlowRunsData {
  flowRuns: {
    totalCount: number | null;
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
    edges: Array<{ node: RunView }>;
  };
}

/** `nestflow runs ls`: runs, newest first, one page. */
export function registerRunsLsCommand(runs: Command): void {
  runs
    .command('ls')
    .alias('list')
    .description('list runs, newest first')
    .option('--state <states>', `only runs in these states, comma-separated or repeated (${STATES.join(', ')})`, parseStates)
    .option('--flow <name>', 'only runs of this flow')
    .option('--flow-version <version>', "only runs that started on this version of their flow's code")
    .option('--limit <n>', `page size, 1-${MAX_LIMIT}`, limitParser(MAX_LIMIT), 20)
    .option('--after <cursor>', 'the page after this cursor (printed when there are more)')
    .action(async (flags: RunsLsFlags, command: Command) => {
      const { client, out } = commandContext(command);
      const filter = {
        ...(flags.state ? { states: flags.state } : {}),
        ...(flags.flow ? { flowName: flags.flow } : {}),
        ...(flags.flowVersion ? { flowVersion: flags.flowVersion } : {}),
      };
      const { flowRuns } = await client.request<FlowRunsData>(FLOW_RUNS, { filter, first: flags.limit, after: flags.after });
      const page: RunPageView = {
        totalCount: flowRuns.totalCount,
        hasNextPage: flowRuns.pageInfo.hasNextPage,
        endCursor: flowRuns.pageInfo.endCursor,
        runs: flowRuns.edges.map((edge) => edge.node),
      };
      out.result(page, () => runsTable(page));
    });
}
