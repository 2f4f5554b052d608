import { buildSchema, parse, type GraphQLObjectType } from 'graphql';
import { operationComplexity } from '../../src/graphql/query-complexity.js';

const schema = buildSchema(`
  type Log { message: String }
  type Run { id: ID state: String logs: [Log] }
  type Edge { cursor: String node: Run }
  type Page { edges: [Edge] totalCount: Int }
  type Query { flowRuns(first: Int): Page flowRun(id: ID): Run }
  type Mutation { resumeRun(id: ID): Run }
`);
const cost = (query: string, variables?: Record<string, unknown>, operationName?: string) =>
  operationComplexity(schema, parse(query), operationName, variables);

describe('operationComplexity', () => {
  it('costs one per field', () => {
    expect(cost('{ flowRun(id: 1) { id state logs { message } } }')).toBe(5);
    expect(cost('mutation { resumeRun(id: 1) { id } }')).toBe(2);
    expect(cost('{ __typename flowRun(id: 1) { __typename } }')).toBe(3);
  });

  it('multiplies the selection of a page by first, from a literal or a variable', () => {
    const page = 'query($n: Int) { flowRuns(first: $n) { totalCount edges { node { id } } } }';
    expect(cost('{ flowRuns(first: 100) { totalCount edges { node { id } } } }')).toBe(1 + 100 * 4);
    expect(cost(page, { n: 500 })).toBe(1 + 500 * 4);
    expect(cost(page, {})).toBe(1 + 20 * 4); // unset: the server's default page
  });

  it('adds up aliases, fragments and the chosen operation only', () => {
    const query = `
      fragment R on Run { id state }
      query A { a: flowRun(id: 1) { ...R } b: flowRun(id: 2) { ...R ... on Run { logs { message } } } }
      query B { flowRun(id: 1) { id } }`;
    expect(cost(query, {}, 'A')).toBe(3 + 5);
    expect(cost(query, {}, 'B')).toBe(2);
  });

  it('costs a fragment bomb quickly, and high', () => {
    const levels = 40;
    const fragments = Array.from({ length: levels }, (_, i) =>
      i === levels - 1 ? `fragment F${i} on Run { id }` : `fragment F${i} on Run { ...F${i + 1} ...F${i + 1} }`,
    ).join('\n');
    const started = Date.now();
    const total = cost(`{ flowRun(id: 1) { ...F0 } } ${fragments}`);
    expect(Date.now() - started).toBeLessThan(100);
    expect(total).toBeGreaterThan(1e9);
  });

  it('survives cyclic and unknown fragments (other rules report them)', () => {
    expect(cost('{ flowRun(id: 1) { ...A } } fragment A on Run { id ...B } fragment B on Run { ...A }')).toBe(2);
    expect(cost('{ flowRun(id: 1) { ...Missing nope } }')).toBe(2);
  });

  it('costs a JSON field by the KiB it may hold, a declared cost as declared, and a list by its last (given or default)', () => {
    const costed = buildSchema(`
      scalar JSON
      type Log { message: String }
      type Run { parameters: JSON schema: JSON logs(last: Int = 100): [Log] }
      type Edge { node: Run }
      type Page { edges: [Edge] }
      type Query { flowRuns(first: Int): Page }
    `);
    const run = costed.getType('Run') as GraphQLObjectType; // what @Extensions() sets in code-first
    run.getFields().schema.extensions = { nestflowCost: 4 };
    const of = (query: string) => operationComplexity(costed, parse(query), undefined, {}, 65_536);
    expect(of('{ flowRuns(first: 10) { edges { node { parameters } } } }')).toBe(1 + 10 * (1 + (1 + 64)));
    expect(of('{ flowRuns(first: 10) { edges { node { schema } } } }')).toBe(1 + 10 * (1 + (1 + 4)));
    expect(of('{ flowRuns(first: 1) { edges { node { logs { message } } } } }')).toBe(1 + (1 + (1 + (1 + 100))));
    expect(of('{ flowRuns(first: 1) { edges { node { logs(last: 5) { message } } } } }')).toBe(1 + (1 + (1 + (1 + 5))));
    expect(of('{ flowRuns(first: 450) { edges { node { parameters logs { message } } } } }')).toBeGreaterThan(5000);
  });
});
