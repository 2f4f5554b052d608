import type { Command } from 'commander';
import { commandContext } from '../command.context.js';
import { watchEvent, watchLine } from '../format.js';
import { RUN_STATE_CHANGED } from '../graphql.documents.js';
import type { RunView } from '../graphql.views.js';
import { runLive } from '../live.client.js';
import { webSocketUrl } from '../server.options.js';

interface RunsWatchFlags {
  flow?: string;
  id?: string;
}

/**
 * `nestflow runs watch`: every state change and pause as it happens, over graphql-ws, until
 * Ctrl-C (SIGINT) or SIGTERM, which exit 0. With `--json`, one JSON object per line:
 * `{ "event": "state" | "paused", "run": { … } }`.
 */
export function registerRunsWatchCommand(runs: Command): void {
  runs
    .command('watch')
    .description('print state changes and pauses live until Ctrl-C')
    .option('--flow <name>', 'only runs of this flow')
    .option('--id <id>', 'only this run')
    .action(async (flags: RunsWatchFlags, command: Command) => {
      const { server, out } = commandContext(command);
      const stop = new AbortController();
      const onSignal = () => stop.abort();
      process.once('SIGINT', onSignal).once('SIGTERM', onSignal);
      try {
        await runLive<{ flowRunStateChanged: RunView }>(
          server,
          {
            query: RUN_STATE_CHANGED,
            variables: { id: flags.id ?? null, flowName: flags.flow ?? null },
            onData: ({ flowRunStateChanged: run }) => out.result({ event: watchEvent(run), run }, () => [watchLine(run)]),
          },
          {
            signal: stop.signal,
            onConnected: () => out.note(`Watching runs on ${webSocketUrl(server.url)} (Ctrl-C to stop).`),
          },
        );
      } finally {
        process.off('SIGINT', onSignal).off('SIGTERM', onSignal);
      }
    });
}
