import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import { renderSchema } from '../../../src/demo/print-schema.js';
import { startDemoApp, type GraphqlApp } from '../../helpers/graphql-app.js';

const SCHEMA_FILE = fileURLToPath(new URL('../../../schema.gql', import.meta.url));

let server: GraphqlApp;
beforeAll(async () => (server = await startDemoApp()));
afterAll(() => server?.close());

/** null when equal; otherwise what differs first, and how to fix it. */
function schemaDrift(committed: string, built: string): string | null {
  if (committed === built) return null;
  const [a, b] = [committed.split('\n'), built.split('\n')];
  const line = a.findIndex((text, index) => text !== b[index]);
  const at = line === -1 ? a.length : line;
  return (
    `schema.gql differs from the schema the code builds (line ${at + 1}: ` +
    `committed ${JSON.stringify(a[at] ?? '<end of file>')}, built ${JSON.stringify(b[at] ?? '<end of file>')}). ` +
    'Run `npm run schema` and commit schema.gql.'
  );
}

describe('schema.gql', () => {
  it('is what the running demo app serves', () => {
    const built = renderSchema(server.app.get(GraphQLSchemaHost));
    expect(schemaDrift(readFileSync(SCHEMA_FILE, 'utf8'), built)).toBeNull();
  });

  it('would fail with a hint to run `npm run schema` on drift', () => {
    const built = renderSchema(server.app.get(GraphQLSchemaHost));
    const edited = built.replace('  flowRun(id: ID!): FlowRun', '  flowRun(id: ID!): FlowRun!');
    expect(edited).not.toBe(built);
    expect(schemaDrift(edited, built)).toMatch(/line \d+: committed " {2}flowRun\(id: ID!\): FlowRun!".*Run `npm run schema`/);
  });
});
