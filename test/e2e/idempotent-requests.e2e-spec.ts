import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { DemoModule } from '../../src/demo/demo.module.js';
import { FlowRunService, FlowRunState, ResumeTokenService, type NestflowModuleOptions } from '../../src/index.js';
import { NESTFLOW_DATA_SOURCE } from '../../src/persistence/data-source.token.js';
import { MultiPauseFlows } from '../fixtures/multi-pause.flows.js';
import { gql, gqlData, type GqlResult } from '../helpers/gql-client.js';
import { startGraphqlApp, type GraphqlApp } from '../helpers/graphql-app.js';
import { createTestDatabase } from '../helpers/postgres.js';
import { tempSqlite } from '../helpers/temp-sqlite.js';

const RESUME = `mutation($id: ID!, $input: JSON, $requestId: String) {
  resumeRun(id: $id, input: $input, requestId: $requestId) { id state version }
}`;
const CANCEL = `mutation($id: ID!, $requestId: String) { cancelFlowRun(id: $id, requestId: $requestId) { id state } }`;
const SEND = `mutation($id: ID!, $input: JSON!, $key: String, $requestId: String) {
  sendInput(id: $id, inputType: "NameInput", input: $input, key: $key, requestId: $requestId) { runId key inputType duplicate }
}`;
const TOKEN_RESUME = `mutation($token: String!, $input: JSON, $requestId: String) {
  resumeRunWithToken(token: $token, input: $input, requestId: $requestId) { runId key state }
}`;

const NOTE = { text: 'first answer' };

interface Store {
  name: string;
  database(): Promise<{ options: NestflowModuleOptions['database']; drop(): Promise<void> }>;
}

const stores: Store[] = [
  {
    name: 'SQLite',
    database: async () => {
      const db = tempSqlite();
      return { options: { type: 'sqlite', path: db.path }, drop: async () => db.cleanup() };
    },
  },
  {
    name: 'PostgreSQL',
    database: async () => {
      const db = await createTestDatabase();
      return { options: { type: 'postgres', url: db.url, poolSize: 10 }, drop: db.drop };
    },
  },
];

/**
 * Client retries with a `requestId`: the same call again returns the original success and
 * changes nothing more; the same id with anything else is IDEMPOTENCY_KEY_REUSED and changes
 * nothing. Counted in the store.
 */
describe.each(stores)('idempotent client requests on $name', (store) => {
  let server: GraphqlApp;
  let runs: FlowRunService;
  let dataSource: DataSource;
  let drop: () => Promise<void>;

  beforeAll(async () => {
    const db = await store.database();
    drop = db.drop;
    const nestflow: NestflowModuleOptions = { database: db.options, security: { resumeTokenSecret: 's'.repeat(32) } };
    server = await startGraphqlApp({ imports: [DemoModule.forRoot(nestflow, [MultiPauseFlows])] });
    runs = server.app.get(FlowRunService);
    dataSource = server.app.get(NESTFLOW_DATA_SOURCE);
  });

  afterAll(async () => {
    await server?.close();
    await drop?.();
  });

  /** Rows of `table` for one run, counted in the store itself. */
  async function count(table: string, runId: string, where = ''): Promise<number> {
    const p = dataSource.options.type === 'postgres' ? '$1' : '?';
    const [row] = await dataSource.query(`SELECT COUNT(*) AS n FROM ${table} WHERE run_id = ${p}${where}`, [runId]);
    return Number(row.n);
  }

  async function pausedRun(flow = 'collect-customer'): Promise<string> {
    const { id } = await runs.createFlowRun(flow);
    await runs.waitForFlowRun(id, { states: [FlowRunState.PAUSED], timeout: 10_000 });
    return id;
  }

  const codeOf = (result: GqlResult) => result.errors?.[0]?.extensions?.code;

  describe('resumeRun', () => {
    it('a retry with the same requestId returns the original success, even after the run paused again', async () => {
      const id = await pausedRun();
      const requestId = randomUUID();
      const first = await gqlData(server.httpUrl, RESUME, { id, input: NOTE, requestId });
      expect(first.resumeRun).toMatchObject({ id, state: 'RUNNING' });
      // The flow goes on to its next pause (CustomerInput): a blind retry must not answer that one.
      await runs.waitForFlowRun(id, { states: [FlowRunState.PAUSED], timeout: 10_000 });

      const retry = await gql(server.httpUrl, RESUME, { id, input: NOTE, requestId });
      expect(retry.errors).toBeUndefined();
      expect(retry.data.resumeRun).toMatchObject({ id, state: 'PAUSED' });
      expect(await runs.getFlowRunInputs(id)).toEqual([{ key: 'pause-1', inputType: 'NoteInput', value: NOTE }]);
      expect(await count('flow_run_requests', id)).toBe(1);
      expect((await runs.getFlowRun(id)).inputRequest?.inputType).toBe('CustomerInput');
    });

    it('the same requestId with another input, or for another run, is IDEMPOTENCY_KEY_REUSED and changes nothing', async () => {
      const id = await pausedRun();
      const other = await pausedRun();
      const requestId = randomUUID();
      await gqlData(server.httpUrl, RESUME, { id, input: NOTE, requestId });
      await runs.waitForFlowRun(id, { states: [FlowRunState.PAUSED], timeout: 10_000 });
      const before = await runs.getFlowRun(id);

      const changed = await gql(server.httpUrl, RESUME, { id, input: { text: 'another answer' }, requestId });
      expect(codeOf(changed)).toBe('IDEMPOTENCY_KEY_REUSED');
      expect(changed.errors![0].extensions).toMatchObject({ nestflowCode: 'IDEMPOTENCY_KEY_REUSED', requestId });
      const elsewhere = await gql(server.httpUrl, RESUME, { id: other, input: NOTE, requestId });
      expect(codeOf(elsewhere)).toBe('IDEMPOTENCY_KEY_REUSED');
      const cancel = await gql(server.httpUrl, CANCEL, { id, requestId });
      expect(codeOf(cancel)).toBe('IDEMPOTENCY_KEY_REUSED');

      expect(await runs.getFlowRun(id)).toMatchObject({ state: 'PAUSED', version: before.version });
      expect(await runs.getFlowRun(other)).toMatchObject({ state: 'PAUSED', version: 2 });
      expect(await count('flow_run_inputs', id)).toBe(1);
      expect(await count('flow_run_inputs', other)).toBe(0);
    });

    it.each([[''], ['has space'], ['x'.repeat(129)], ['tab\there'], ['émoji']])(
      'a bad requestId %j is BAD_USER_INPUT and stores nothing',
      async (requestId) => {
        const id = await pausedRun();
        const result = await gql(server.httpUrl, RESUME, { id, input: NOTE, requestId });
        expect(codeOf(result)).toBe('BAD_USER_INPUT');
        expect(result.errors![0].extensions!.violations).toEqual([{ path: 'requestId', constraints: expect.any(Object) }]);
        expect(await runs.getFlowRun(id)).toMatchObject({ state: 'PAUSED', version: 2 });
        expect(await count('flow_run_inputs', id)).toBe(0);
      },
    );

    it('concurrent duplicates: all get the success, the input is stored once', async () => {
      const id = await pausedRun();
      const requestId = randomUUID();
      const results = await Promise.all(
        Array.from({ length: 8 }, () => gql(server.httpUrl, RESUME, { id, input: NOTE, requestId })),
      );
      expect(results.map((result) => result.errors)).toEqual(Array(8).fill(undefined));
      expect(results.every((result) => result.data.resumeRun.id === id)).toBe(true);
      expect(await count('flow_run_inputs', id)).toBe(1);
      expect(await count('flow_run_requests', id)).toBe(1);
      const states = (await runs.getFlowRunStates(id)).map((record) => record.state);
      expect(states.slice(0, 4)).toEqual(['SCHEDULED', 'RUNNING', 'PAUSED', 'RUNNING']);
      expect(states.filter((state) => state === 'RUNNING')).toHaveLength(2);
    });

    it('concurrent calls with one requestId and different inputs: one wins, the others are IDEMPOTENCY_KEY_REUSED', async () => {
      const id = await pausedRun();
      const requestId = randomUUID();
      const results = await Promise.all(
        Array.from({ length: 6 }, (_, n) => gql(server.httpUrl, RESUME, { id, input: { text: `answer ${n}` }, requestId })),
      );
      const won = results.filter((result) => !result.errors);
      expect(won).toHaveLength(1);
      expect(results.filter((result) => codeOf(result) === 'IDEMPOTENCY_KEY_REUSED')).toHaveLength(5);
      expect(await count('flow_run_inputs', id)).toBe(1);
    });

    it('without a requestId a second resume is still CONFLICT', async () => {
      const id = await pausedRun('greet-user');
      await gqlData(server.httpUrl, RESUME, { id, input: { name: 'Ada' } });
      expect(codeOf(await gql(server.httpUrl, RESUME, { id, input: { name: 'Ada' } }))).toBe('CONFLICT');
    });
  });

  describe('cancelFlowRun', () => {
    it('a retry returns the cancelled run instead of CONFLICT; concurrent duplicates cancel once', async () => {
      const id = await pausedRun();
      const requestId = randomUUID();
      const results = await Promise.all(Array.from({ length: 6 }, () => gql(server.httpUrl, CANCEL, { id, requestId })));
      expect(results.map((result) => result.errors)).toEqual(Array(6).fill(undefined));
      expect(results.map((result) => result.data.cancelFlowRun.state)).toEqual(Array(6).fill('CANCELLED'));
      const retry = await gqlData(server.httpUrl, CANCEL, { id, requestId });
      expect(retry.cancelFlowRun).toEqual({ id, state: 'CANCELLED' });
      expect(await count('flow_run_states', id, ` AND state = 'CANCELLED'`)).toBe(1);
      expect(await count('flow_run_requests', id)).toBe(1);
      // Another cancel without the id is the plain CONFLICT it always was.
      expect(codeOf(await gql(server.httpUrl, CANCEL, { id }))).toBe('CONFLICT');
    });

    it("a resume's requestId cannot cancel", async () => {
      const id = await pausedRun();
      const requestId = randomUUID();
      await gqlData(server.httpUrl, RESUME, { id, input: NOTE, requestId });
      expect(codeOf(await gql(server.httpUrl, CANCEL, { id, requestId }))).toBe('IDEMPOTENCY_KEY_REUSED');
      expect(await count('flow_run_states', id, ` AND state = 'CANCELLED'`)).toBe(0);
    });
  });

  describe('sendInput', () => {
    it('a retry with the same requestId stores one message; other content under it is refused', async () => {
      const { id } = await runs.createFlowRun('greeter');
      const requestId = randomUUID();
      const first = await gqlData(server.httpUrl, SEND, { id, input: { name: 'Ada' }, requestId });
      expect(first.sendInput).toMatchObject({ runId: id, inputType: 'NameInput', duplicate: false });
      const retries = await Promise.all(
        Array.from({ length: 4 }, () => gqlData(server.httpUrl, SEND, { id, input: { name: 'Ada' }, requestId })),
      );
      expect(retries.map((retry) => retry.sendInput)).toEqual(Array(4).fill({ ...first.sendInput, duplicate: true }));

      const other = await gql(server.httpUrl, SEND, { id, input: { name: 'Grace' }, requestId });
      expect(codeOf(other)).toBe('IDEMPOTENCY_KEY_REUSED');
      expect(await count('flow_run_mailbox', id)).toBe(1);
      await runs.cancelFlowRun(id);
    });

    it('concurrent first sends under one requestId store one message', async () => {
      const { id } = await runs.createFlowRun('greeter');
      const requestId = randomUUID();
      const results = await Promise.all(
        Array.from({ length: 6 }, () => gql(server.httpUrl, SEND, { id, input: { name: 'Ada' }, requestId })),
      );
      expect(results.map((result) => result.errors)).toEqual(Array(6).fill(undefined));
      expect(results.filter((result) => !result.data.sendInput.duplicate)).toHaveLength(1);
      expect(new Set(results.map((result) => result.data.sendInput.key)).size).toBe(1);
      expect(await count('flow_run_mailbox', id)).toBe(1);
      await runs.cancelFlowRun(id);
    });

    it('the same mailbox key with other content is IDEMPOTENCY_KEY_REUSED; with the same content a duplicate', async () => {
      const { id } = await runs.createFlowRun('greeter');
      const key = `k-${randomUUID()}`;
      await gqlData(server.httpUrl, SEND, { id, input: { name: 'Ada' }, key });
      const same = await gqlData(server.httpUrl, SEND, { id, input: { name: 'Ada' }, key });
      expect(same.sendInput.duplicate).toBe(true);
      const other = await gql(server.httpUrl, SEND, { id, input: { name: 'Grace' }, key });
      expect(codeOf(other)).toBe('IDEMPOTENCY_KEY_REUSED');
      expect(other.errors![0].extensions).toMatchObject({ key, runId: id });
      expect(await count('flow_run_mailbox', id)).toBe(1);
      await runs.cancelFlowRun(id);
    });
  });

  describe('resumeRunWithToken', () => {
    it('a retry of a used link with the same requestId succeeds again; without it FORBIDDEN; other input refused', async () => {
      const id = await pausedRun();
      const token = await server.app.get(ResumeTokenService).createResumeToken(id, 'pause-1');
      const requestId = randomUUID();
      const first = await gqlData(server.httpUrl, TOKEN_RESUME, { token, input: NOTE, requestId });
      expect(first.resumeRunWithToken).toEqual({ runId: id, key: 'pause-1', state: 'RUNNING' });
      await runs.waitForFlowRun(id, { states: [FlowRunState.PAUSED], timeout: 10_000 });

      const retry = await gqlData(server.httpUrl, TOKEN_RESUME, { token, input: NOTE, requestId });
      expect(retry.resumeRunWithToken).toEqual({ runId: id, key: 'pause-1', state: 'PAUSED' });
      const changed = await gql(server.httpUrl, TOKEN_RESUME, { token, input: { text: 'other' }, requestId });
      expect(codeOf(changed)).toBe('IDEMPOTENCY_KEY_REUSED');
      const plain = await gql(server.httpUrl, TOKEN_RESUME, { token, input: NOTE });
      expect(plain.errors![0].extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'used' });
      expect(await count('flow_run_inputs', id)).toBe(1);
    });
  });
});
