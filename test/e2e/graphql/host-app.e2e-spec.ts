import { ApolloDriver, type ApolloDriverConfig } from '@nestjs/apollo';
import { Injectable } from '@nestjs/common';
import { GraphQLModule, Query, Resolver } from '@nestjs/graphql';
import { Flow, FlowRunService, NestflowModule } from '../../../src/index.js';
import { gqlData } from '../../helpers/gql-client.js';
import { startGraphqlApp, type GraphqlApp } from '../../helpers/graphql-app.js';
import { tempSqlite } from '../../helpers/temp-sqlite.js';

/** The host's own API, next to nestflow's. */
@Resolver()
class HelloResolver {
  @Query(() => String)
  hello(): string {
    return 'Hello from the host';
  }
}

@Injectable()
class ReportFlows {
  @Flow({ description: 'Builds a report' })
  async buildReport(parameters: { pages: number }): Promise<string> {
    return `${parameters.pages} pages`;
  }
}

let server: GraphqlApp;

/** A host app with its own GraphQLModule (no nestflow demo code): nestflow adds its resolvers to it. */
beforeAll(async () => {
  const db = tempSqlite();
  server = await startGraphqlApp(
    {
      imports: [
        GraphQLModule.forRoot<ApolloDriverConfig>({ driver: ApolloDriver, autoSchemaFile: true }),
        NestflowModule.forRoot({ database: { type: 'sqlite', path: db.path } }),
      ],
      providers: [HelloResolver, ReportFlows],
    },
    db.cleanup,
  );
});

afterAll(() => server?.close());

describe('nestflow inside a host GraphQL app', () => {
  it('serves the host query and nestflow queries from one schema', async () => {
    const data = await gqlData(server.httpUrl, `{ hello flows { name description inputTypes } }`);
    expect(data).toEqual({
      hello: 'Hello from the host',
      flows: [{ name: 'build-report', description: 'Builds a report', inputTypes: [] }],
    });
  });

  it("runs the host's flow through nestflow's mutation", async () => {
    const create = `mutation { createFlowRun(flowName: "build-report", parameters: { pages: 3 }) { id state } }`;
    const { createFlowRun } = await gqlData(server.httpUrl, create);
    expect(createFlowRun.state).toBe('SCHEDULED');

    await server.app.get(FlowRunService).waitForFlowRun(createFlowRun.id, { timeout: 5000 });
    const { flowRun } = await gqlData(server.httpUrl, `query($id: ID!) { flowRun(id: $id) { state result } }`, {
      id: createFlowRun.id,
    });
    expect(flowRun).toEqual({ state: 'COMPLETED', result: '3 pages' });
  });
});
