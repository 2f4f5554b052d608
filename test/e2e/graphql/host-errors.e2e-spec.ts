import { ApolloDriver, type ApolloDriverConfig } from '@nestjs/apollo';
import { GraphQLModule, Int, Query, Resolver, Subscription } from '@nestjs/graphql';
import type { Client } from 'graphql-ws';
import pg from 'pg';
import { freePort } from '../../../bench/support/free-port.js';
import { NestflowGraphqlConfig, NestflowModule } from '../../../src/index.js';
import { gql, wsClient, wsExecute } from '../../helpers/gql-client.js';
import { startGraphqlApp, type GraphqlApp } from '../../helpers/graphql-app.js';
import { tempSqlite } from '../../helpers/temp-sqlite.js';

/** A database of the host's own that is down: connecting fails with the driver's real error. */
async function hostDatabaseQuery(): Promise<number> {
  const client = new pg.Client({ connectionString: `postgres://app:secret@127.0.0.1:${await freePort()}/orders` });
  await client.connect();
  return 1;
}

/** Host resolvers next to nestflow's, failing the way real code fails. */
@Resolver()
class HostResolver {
  @Query(() => Int)
  hostCount(): Promise<number> {
    return hostDatabaseQuery();
  }

  @Query(() => Int)
  hostBug(): number {
    throw new TypeError("Cannot read properties of undefined (reading 'orders') at /srv/app/orders.service.ts:42");
  }

  @Subscription(() => Int, { resolve: (value: number) => value })
  async *hostTicks(): AsyncGenerator<number> {
    yield 1;
    yield await hostDatabaseQuery(); // the event stream itself fails
  }
}

/**
 * With `apolloOptions()` spread into the host's GraphQLModule, errors of the host's own resolvers
 * get the same treatment as nestflow's, over HTTP and graphql-ws: an unreachable database is
 * SERVICE_UNAVAILABLE, anything else INTERNAL_SERVER_ERROR, and no driver or stack text leaves.
 */
describe('errors outside nestflow resolvers (formatError, graphql-ws onNext / onError)', () => {
  let server: GraphqlApp;
  let ws: Client;

  beforeAll(async () => {
    const db = tempSqlite();
    server = await startGraphqlApp(
      {
        imports: [
          NestflowModule.forRoot({ database: { type: 'sqlite', path: db.path } }),
          GraphQLModule.forRootAsync<ApolloDriverConfig>({
            driver: ApolloDriver,
            inject: [NestflowGraphqlConfig],
            useFactory: (nestflow: NestflowGraphqlConfig) => ({ autoSchemaFile: true, ...nestflow.apolloOptions() }),
          }),
        ],
        providers: [HostResolver],
      },
      db.cleanup,
    );
    ws = wsClient(server.wsUrl);
  });

  afterAll(async () => {
    await ws?.dispose();
    await server?.close();
  });

  const leaks = /127\.0\.0\.1|ECONNREFUSED|secret|orders|\/srv\/app/;

  it.each([
    ['hostCount', 'SERVICE_UNAVAILABLE'],
    ['hostBug', 'INTERNAL_SERVER_ERROR'],
  ])('query %s: %s over HTTP and graphql-ws, nothing of the cause', async (field, code) => {
    for (const result of [await gql(server.httpUrl, `{ ${field} }`), await wsExecute(ws, `{ ${field} }`)]) {
      expect(result.errors).toHaveLength(1);
      expect(result.errors![0].extensions?.code).toBe(code);
      expect(result.errors![0].path).toEqual([field]);
      expect(JSON.stringify(result)).not.toMatch(leaks);
    }
  });

  it('a subscription whose event stream fails: SERVICE_UNAVAILABLE over graphql-ws', async () => {
    const seen: unknown[] = [];
    const failure = await new Promise<unknown>((resolve, reject) => {
      ws.subscribe(
        { query: 'subscription { hostTicks }' },
        { next: (result) => seen.push(result), error: resolve, complete: () => reject(new Error('completed without an error')) },
      );
    });
    expect(seen).toEqual([{ data: { hostTicks: 1 } }]);
    expect(failure).toEqual([expect.objectContaining({ extensions: expect.objectContaining({ code: 'SERVICE_UNAVAILABLE' }) })]);
    expect(JSON.stringify(failure)).not.toMatch(leaks);
  });
});
