import { ApolloDriver, type ApolloDriverConfig } from '@nestjs/apollo';
import { GraphQLModule } from '@nestjs/graphql';
import type { DataSource } from 'typeorm';
import { FlowRunService, FlowRunState, NestflowModule, ParametersValidationError } from '../../../src/index.js';
import { NESTFLOW_DATA_SOURCE } from '../../../src/persistence/data-source.token.js';
import { ParameterFlows } from '../../fixtures/parameters.flows.js';
import { startGraphqlApp, type GraphqlApp } from '../../helpers/graphql-app.js';
import { gql, gqlData } from '../../helpers/gql-client.js';
import { tempSqlite } from '../../helpers/temp-sqlite.js';

const CREATE = `mutation($flowName: String!, $parameters: JSON) {
  createFlowRun(flowName: $flowName, parameters: $parameters) { id state parameters }
}`;
const RESUME = 'mutation($id: ID!, $input: JSON) { resumeRun(id: $id, input: $input) { id state } }';
const FLOWS = '{ flows { name parametersType parametersSchema } }';

/** nestflow + a host GraphQLModule + the test flows, on the SQLite file at `path` (kept across restarts). */
async function startOn(path: string): Promise<GraphqlApp & { runs: FlowRunService; dataSource: DataSource }> {
  const server = await startGraphqlApp({
    imports: [
      GraphQLModule.forRoot<ApolloDriverConfig>({ driver: ApolloDriver, autoSchemaFile: true }),
      NestflowModule.forRoot({ database: { type: 'sqlite', path } }),
    ],
    providers: [ParameterFlows],
  });
  return { ...server, runs: server.app.get(FlowRunService), dataSource: server.app.get<DataSource>(NESTFLOW_DATA_SOURCE) };
}

const db = tempSqlite();
let app: Awaited<ReturnType<typeof startOn>>;
beforeAll(async () => (app = await startOn(db.path)));
afterAll(async () => {
  await app?.close();
  db.cleanup();
});

const storedRuns = async () =>
  Number(((await app.dataSource.query('SELECT COUNT(*) AS n FROM flow_runs')) as Array<{ n: unknown }>)[0].n);

describe('createFlowRun of a flow with a parameters class', () => {
  it('refuses invalid parameters with one violation per field and stores nothing', async () => {
    const before = await storedRuns();
    const parameters = { customer: '', quantity: 12, express: true, address: { street: 'Main', zip: '12' }, coupon: 'x' };
    const { data, errors } = await gql(app.httpUrl, CREATE, { flowName: 'order', parameters });
    expect(data).toBeNull();
    expect(errors).toHaveLength(1);
    expect(errors![0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      nestflowCode: 'PARAMETERS_VALIDATION_FAILED',
      flowName: 'order',
      parametersType: 'OrderParameters',
    });
    const violations = errors![0].extensions!.violations as Array<{ path: string; constraints: Record<string, string> }>;
    expect(Object.fromEntries(violations.map((violation) => [violation.path, Object.keys(violation.constraints)]))).toEqual({
      customer: ['isLength'],
      quantity: ['max'],
      express: ['expressNeedsSmallOrder'],
      'address.zip': ['matches'],
      coupon: ['whitelistValidation'],
    });
    expect(errors![0].message).toMatch(/Invalid parameters for flow "order"/);
    expect(await storedRuns()).toBe(before);
  });

  it.each([
    [
      'missing',
      undefined,
      [
        ['customer', 'isString'],
        ['quantity', 'isInt'],
      ],
    ],
    ['an array', [1, 2], [['', 'isObject']]],
    ['a string', 'ten shirts', [['', 'isObject']]],
  ])('refuses parameters that are %s', async (_, parameters, expected) => {
    const before = await storedRuns();
    const { errors } = await gql(app.httpUrl, CREATE, { flowName: 'order', parameters });
    const violations = errors![0].extensions!.violations as Array<{ path: string; constraints: Record<string, string> }>;
    for (const [path, constraint] of expected) {
      expect(violations.find((violation) => violation.path === path)?.constraints).toHaveProperty(constraint);
    }
    expect(await storedRuns()).toBe(before);
  });

  it('throws ParametersValidationError to FlowRunService callers, before any write', async () => {
    const before = await storedRuns();
    const refused = app.runs.createFlowRun('order', { customer: 'Ada', quantity: 0 });
    await expect(refused).rejects.toBeInstanceOf(ParametersValidationError);
    await expect(refused).rejects.toMatchObject({ violations: [{ path: 'quantity', constraints: { min: expect.any(String) } }] });
    expect(await storedRuns()).toBe(before);
  });

  it('stores the validated fields as JSON and gives the method an instance of the class', async () => {
    const parameters = { customer: 'Ada', quantity: 2, express: true, address: { street: 'Main', zip: '12345' } };
    const { createFlowRun: run } = await gqlData(app.httpUrl, CREATE, { flowName: 'order', parameters });
    expect(run.parameters).toEqual(parameters);
    const done = await app.runs.waitForFlowRun(run.id, { timeout: 5000 });
    expect(done.state).toBe(FlowRunState.COMPLETED);
    expect(done.result).toEqual({ instance: true, nestedInstance: true, label: '2 for Ada', total: 10 });
    const [row] = (await app.dataSource.query('SELECT parameters FROM flow_runs WHERE id = ?', [run.id])) as Array<{
      parameters: string;
    }>;
    expect(JSON.parse(row.parameters)).toEqual(parameters);
  });
});

describe('a suspended run with parameters', () => {
  it('replays with an instance after a restart on the same SQLite file', async () => {
    const run = await app.runs.createFlowRun('suspended-order', { customer: 'Grace', quantity: 3 });
    await app.runs.waitForFlowRun(run.id, { states: [FlowRunState.SUSPENDED], timeout: 5000 });
    const logs = (await app.runs.getFlowRunLogs(run.id)).map((log) => log.message);
    expect(logs).toEqual(['first execution: instance true, 3 for Grace']);

    await app.close();
    app = await startOn(db.path);
    await gqlData(app.httpUrl, RESUME, { id: run.id, input: { text: 'gift' } });
    const done = await app.runs.waitForFlowRun(run.id, { timeout: 5000 });
    expect(done.state).toBe(FlowRunState.COMPLETED);
    expect(done.result).toEqual({ instance: true, nestedInstance: null, label: '3 for Grace', total: 15, note: 'gift' });
  });
});

describe('flows', () => {
  it('publishes the parameters class and its JSON schema', async () => {
    const { flows } = await gqlData(app.httpUrl, FLOWS);
    const order = flows.find((flow: { name: string }) => flow.name === 'order');
    expect(order.parametersType).toBe('OrderParameters');
    expect(order.parametersSchema).toMatchObject({
      title: 'Order parameters',
      type: 'object',
      additionalProperties: false,
      required: ['customer', 'quantity'],
      properties: {
        customer: { title: 'Customer', type: 'string', minLength: 1, maxLength: 40 },
        quantity: { title: 'Quantity', type: 'integer', minimum: 1, maximum: 10 },
        express: { title: 'Express', type: 'boolean' },
        address: { $ref: '#/definitions/PostalAddress' },
      },
      definitions: { PostalAddress: { properties: { zip: { type: 'string' } } } },
    });
    expect(flows.find((flow: { name: string }) => flow.name === 'anything')).toEqual({
      name: 'anything',
      parametersType: null,
      parametersSchema: null,
    });
  });
});

describe('a flow without a parameters class', () => {
  it.each([
    ['no parameters', undefined, null],
    ['an array', [1, 'two'], [1, 'two']],
    ['a string', 'text', 'text'],
    ['any object', { anything: { goes: true } }, { anything: { goes: true } }],
  ])('passes %s through as given', async (_, parameters, expected) => {
    const { createFlowRun: run } = await gqlData(app.httpUrl, CREATE, { flowName: 'anything', parameters });
    expect(run.parameters).toEqual(expected);
    const done = await app.runs.waitForFlowRun(run.id, { timeout: 5000 });
    expect(done.result).toEqual({ parameters: expected, isArray: Array.isArray(expected) });
  });

  it('still applies the limits checks (a prototype key)', async () => {
    const { errors } = await gql(app.httpUrl, CREATE, {
      flowName: 'anything',
      parameters: { __proto__: null, ['constructor']: 1 },
    });
    expect(errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
  });
});
