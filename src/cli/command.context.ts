import type { Command } from 'commander';
import { GraphqlClient } from './graphql.client.js';
import { Output } from './output.js';
import { serverOptions, type ServerOptions } from './server.options.js';

/** The global flags, which commander keeps on the root program. */
export interface GlobalFlags {
  url?: string;
  apiKey?: string;
  json?: boolean;
}

/** What every command needs: the server, a client for it and the output. */
export interface CommandContext {
  server: ServerOptions;
  client: GraphqlClient;
  out: Output;
}

export function commandContext(command: Command): CommandContext {
  const flags = command.optsWithGlobals<GlobalFlags>();
  const server = serverOptions(flags);
  return { server, client: new GraphqlClient(server), out: new Output(Boolean(flags.json)) };
}
