#!/usr/bin/env node
// `npx nestflow …`: see docs/cli.md. Only commander, graphql-ws and ws load here, not Nest.
import { runCli } from './nestflow.program.js';

// exitCode rather than exit(): stdout is flushed before the process ends, even into a pipe.
process.exitCode = await runCli(process.argv);
