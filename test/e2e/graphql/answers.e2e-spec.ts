import type { Client } from 'graphql-ws';
import { FlowRunState, type AuthorizeFn } from '../../../src/index.js';
import { FlowRunEntity } from '../../../src/persistence/entities/index.js';
import { DurableFlows } from '../../fixtures/durable/durable.flows.js';
import { SideEffects } from '../../fixtures/durable/side-effects.service.js';
import { eventually } from '../../helpers/graphql-app.js';
import { subscribeReady, type SubscriptionQueue } from '../../helpers/gql-client.js';
import { gqlWith, startSecureApp, wsClientWith, type SecureApp } from '../../helpers/secure-app.js';

/* eslint-disable @typescript-eslint/no-explicit-any -- responses are checked by the tests' expects */

/** Bob may not read expense approvals; everyone may do everything else. */
const authorize: AuthorizeFn = (principal, action, target) =>
  !(principal?.id === 'bob' && action === 'read' && target.flowName === 'approve-expense');

let server: SecureApp;
let client: Client;
beforeAll(async () => {
  const apiKeys = [
    { key: 'alice-key-0123456789', id: 'alice' },
    { key: 'bob-key-0123456789ab', id: 'bob' },
  ];
  server = await startSecureApp({ security: { apiKeys, authorize } }, [SideEffects, DurableFlows]);
  client = wsClientWith(server.wsUrl, { apiKey: 'alice-key-0123456789' });
});
afterAll(async () => {
  await client?.dispose();
  await server?.close();
});

const as = (user: 'alice' | 'bob', query: string, variables?: Record<string, unknown>) =>
  gqlWith(server.httpUrl, { 'x-api-key': `${user}-key-0123456789${user === 'bob' ? 'ab' : ''}` }, query, variables);
async function data(user: 'alice' | 'bob', query: string, variables?: Record<string, unknown>): Promise<any> {
  const result = await as(user, query, variables);
  if (result.errors?.length) throw new Error(JSON.stringify(result.errors));
  return result.data;
}

const REQUEST = `query($id: ID!) { flowRun(id: $id) { state inputRequest { key inputType title } } }`;
const RECEIVING = `query($id: ID!) { flowRun(id: $id) { state receiving { inputTypes title schema key expiresAt } } }`;
const NEEDS_ANSWER = `query($flow: String, $first: Int) {
  runsNeedingAnswer(flowName: $flow, first: $first) {
    counts { paused suspended receiving total }
    runs { id flowName state inputRequest { title expiresAt } receiving { title expiresAt } }
  }
}`;
const INPUTS = `query($id: ID!) {
  flowRun(id: $id) { inputs { key inputType title value principal answeredAt outcome } states { state message } }
}`;
const SEND = `mutation($id: ID!, $name: String!) { sendInput(id: $id, inputType: "NameInput", input: { name: $name }) { key } }`;

/** The latest `receiving` each run announced on the bus. */
const lastReceiving = new Map<string, unknown>();
beforeAll(() => server.bus.subscribe('run.state', (event) => event.run && lastReceiving.set(event.runId, event.run.receiving)));

const RUN_EVENTS = `subscription($flow: String) {
  flowRunStateChanged(flowName: $flow) { id state receiving { inputTypes title key expiresAt } }
}`;

/** Takes run events until one matches. */
async function nextMatching(queue: SubscriptionQueue<any>, matches: (run: any) => boolean): Promise<any> {
  for (;;) {
    const { flowRunStateChanged: run } = await queue.nextData(5000);
    if (matches(run)) return run;
  }
}

describe('titles', () => {
  it("InputRequest.title: the class's @Describe title, the pause's own title, 'Go-ahead' without input", async () => {
    const shirt = await server.startPaused('get-shirt-order');
    const decision = await server.startPaused('approve-expense');
    const goAhead = await server.runs.createFlowRun('suspend-right-away');
    await server.runs.waitForFlowRun(goAhead.id, { states: [FlowRunState.SUSPENDED] });
    const titleOf = async (id: string) => (await data('alice', REQUEST, { id })).flowRun.inputRequest;
    expect(await titleOf(shirt.id)).toEqual({ key: 'pause-1', inputType: 'ShirtOrder', title: 'Shirt order' });
    expect(await titleOf(decision.id)).toEqual({ key: 'pause-1', inputType: 'Approve | Reject', title: 'Decision' });
    expect(await titleOf(goAhead.id)).toEqual({ key: 'pause-1', inputType: null, title: 'Go-ahead' });
    for (const id of [shirt.id, decision.id, goAhead.id]) await server.runs.cancelFlowRun(id);
  });

  it('a request stored before titles gets its title computed when read', async () => {
    const run = await server.startPaused('approve-expense');
    // As an older version stored it: no title, branch titles that were class names.
    const request = { ...run.inputRequest!, title: undefined, schema: { oneOf: [{ title: 'Approve' }, { title: 'Reject' }] } };
    await server.dataSource.query('UPDATE flow_runs SET input_request = ? WHERE id = ?', [JSON.stringify(request), run.id]);
    expect((await data('alice', REQUEST, { id: run.id })).flowRun.inputRequest.title).toBe('Approve or Reject');
    await server.runs.cancelFlowRun(run.id);
  });
});

describe('a run waiting in receiveInput', () => {
  it('shows receiving over GraphQL and in the subscription, is listed as needing an answer, and clears when a message is taken', async () => {
    const events = await subscribeReady(client, server.bus, 'run.state', RUN_EVENTS, { flow: 'greeter' });
    try {
      const { id } = await server.runs.createFlowRun('greeter');
      const waiting = await nextMatching(events, (run) => run.id === id && run.receiving);
      expect(waiting).toMatchObject({
        state: 'RUNNING',
        receiving: { inputTypes: ['NameInput'], title: 'Name to greet', key: null },
      });
      const { flowRun } = await data('alice', RECEIVING, { id });
      expect(flowRun.receiving.schema).toMatchObject({ title: 'Name to greet', properties: { name: { title: 'Name' } } });
      const expiresIn = Date.parse(flowRun.receiving.expiresAt) - Date.now();
      expect(expiresIn).toBeGreaterThan(590_000);
      expect(expiresIn).toBeLessThanOrEqual(600_000);

      const listed = (await data('alice', NEEDS_ANSWER, { flow: 'greeter' })).runsNeedingAnswer;
      expect(listed.counts).toEqual({ paused: 0, suspended: 0, receiving: 1, total: 1 });
      expect(listed.runs).toEqual([
        {
          id,
          flowName: 'greeter',
          state: 'RUNNING',
          inputRequest: null,
          receiving: { title: 'Name to greet', expiresAt: flowRun.receiving.expiresAt },
        },
      ]);

      await data('alice', SEND, { id, name: 'Ada' });
      // Taken: cleared (the subscriber hears it), then, waiting again, set again.
      expect(await nextMatching(events, (run) => run.id === id)).toMatchObject({ state: 'RUNNING', receiving: null });
      expect(await nextMatching(events, (run) => run.id === id)).toMatchObject({
        state: 'RUNNING',
        receiving: { title: 'Name to greet' },
      });

      await data('alice', SEND, { id, name: 'stop' });
      expect(await nextMatching(events, (run) => run.id === id)).toMatchObject({ state: 'RUNNING', receiving: null });
      expect(await nextMatching(events, (run) => run.id === id)).toMatchObject({ state: 'COMPLETED', receiving: null });
      expect((await data('alice', RECEIVING, { id })).flowRun.receiving).toBeNull();
      expect((await data('alice', NEEDS_ANSWER, { flow: 'greeter' })).runsNeedingAnswer.counts.total).toBe(0);
    } finally {
      await events.close();
    }
  });

  it('is never shown on a run that left RUNNING, even with a stale value stored; a cancel clears it', async () => {
    const { id } = await server.runs.createFlowRun('greeter');
    await eventually(() => Boolean(lastReceiving.get(id)), 'the greeter to show receiving', 5000);
    await server.runs.cancelFlowRun(id);
    const [row] = await server.dataSource.query('SELECT receiving FROM flow_runs WHERE id = ?', [id]);
    expect(row.receiving).toBeNull();
    // A value left behind (a crash between writes): not shown for a run that is not RUNNING.
    await server.dataSource.query('UPDATE flow_runs SET receiving = ? WHERE id = ?', ['{"title":"stale"}', id]);
    expect((await data('alice', RECEIVING, { id })).flowRun).toEqual({ state: 'CANCELLED', receiving: null });
    expect((await server.runs.getFlowRun(id)).receiving).toBeNull();
  });
  it('a receive past its deadline waits for nobody: not shown, not listed, before its mark is cleared', async () => {
    const { id } = await server.runs.createFlowRun('greeter');
    await eventually(() => Boolean(lastReceiving.get(id)), 'the greeter to show receiving', 5000);
    try {
      // The mark as a node that died in the receive leaves it, its deadline passed (or the
      // moment before the flow's own timer clears it).
      const past = new Date(Date.now() - 1000);
      const [row] = await server.dataSource.query('SELECT receiving FROM flow_runs WHERE id = ?', [id]);
      const receiving = { ...JSON.parse(row.receiving), expiresAt: past.toISOString() };
      await server.dataSource.manager.update(FlowRunEntity, { id }, { receiving, receivingExpiresAt: past });
      expect((await data('alice', RECEIVING, { id })).flowRun).toEqual({ state: 'RUNNING', receiving: null });
      const { runsNeedingAnswer } = await data('alice', NEEDS_ANSWER, { flow: 'greeter' });
      expect(runsNeedingAnswer.counts).toEqual({ paused: 0, suspended: 0, receiving: 0, total: 0 });
      expect(runsNeedingAnswer.runs).toEqual([]);
    } finally {
      await server.runs.cancelFlowRun(id);
    }
  });
});

describe('runsNeedingAnswer', () => {
  let ids: Record<string, string>;
  beforeAll(async () => {
    const shirt = await server.startPaused('get-shirt-order');
    const goAhead = await server.runs.createFlowRun('suspend-right-away');
    await server.runs.waitForFlowRun(goAhead.id, { states: [FlowRunState.SUSPENDED] });
    const expense = await server.startPaused('approve-expense');
    const greeter = await server.runs.createFlowRun('greeter');
    await eventually(() => Boolean(lastReceiving.get(greeter.id)), 'the greeter to show receiving', 5000);
    // Expiries: the greeter's in 10 min; the go-ahead's and the expense's in an hour, the same
    // (then the older first); the shirt order's taken away (sorts last).
    await server.dataSource.query('UPDATE flow_runs SET pause_expires_at = NULL WHERE id = ?', [shirt.id]);
    await server.dataSource.query(
      'UPDATE flow_runs SET pause_expires_at = (SELECT pause_expires_at FROM flow_runs WHERE id = ?) WHERE id = ?',
      [expense.id, goAhead.id],
    );
    ids = { shirt: shirt.id, expense: expense.id, goAhead: goAhead.id, greeter: greeter.id };
  });
  afterAll(async () => {
    for (const id of Object.values(ids)) await server.runs.cancelFlowRun(id).catch(() => undefined);
  });

  it('sorts by expiry (none last), then age; counts all of them, not only the page', async () => {
    const { runsNeedingAnswer } = await data('alice', NEEDS_ANSWER, {});
    expect(runsNeedingAnswer.runs.map((run: any) => run.id)).toEqual([ids.greeter, ids.goAhead, ids.expense, ids.shirt]);
    expect(runsNeedingAnswer.counts).toEqual({ paused: 2, suspended: 1, receiving: 1, total: 4 });
    expect(runsNeedingAnswer.runs.map((run: any) => (run.receiving ?? run.inputRequest).title)).toEqual([
      'Name to greet',
      'Go-ahead',
      'Decision',
      'Shirt order',
    ]);
    const page = (await data('alice', NEEDS_ANSWER, { first: 2 })).runsNeedingAnswer;
    expect(page.runs.map((run: any) => run.id)).toEqual([ids.greeter, ids.goAhead]);
    expect(page.counts.total).toBe(4);
    expect((await data('alice', NEEDS_ANSWER, { first: 0 })).runsNeedingAnswer).toMatchObject({ runs: [], counts: { total: 4 } });
  });

  it('filters by flowName', async () => {
    const { runsNeedingAnswer } = await data('alice', NEEDS_ANSWER, { flow: 'approve-expense' });
    expect(runsNeedingAnswer.runs.map((run: any) => run.id)).toEqual([ids.expense]);
    expect(runsNeedingAnswer.counts).toEqual({ paused: 1, suspended: 0, receiving: 0, total: 1 });
  });

  it('refuses more than 200 (or fewer than 0) with BAD_USER_INPUT and a stable code', async () => {
    for (const first of [201, -1]) {
      const result = await as('alice', NEEDS_ANSWER, { first });
      expect(result.data).toBeNull();
      expect(result.errors?.[0].extensions).toEqual({ code: 'BAD_USER_INPUT', nestflowCode: 'INVALID_PAGE_SIZE', max: 200 });
      expect(result.errors?.[0].message).toMatch(/^first must be a whole number from 0 to 200/);
    }
  });

  it('leaves out, from the runs and the counts, runs the principal may not read', async () => {
    const { runsNeedingAnswer } = await data('bob', NEEDS_ANSWER, {});
    expect(runsNeedingAnswer.runs.map((run: any) => run.id)).toEqual([ids.greeter, ids.goAhead, ids.shirt]);
    expect(runsNeedingAnswer.counts).toEqual({ paused: 1, suspended: 1, receiving: 1, total: 3 });
    expect((await data('bob', NEEDS_ANSWER, { flow: 'approve-expense' })).runsNeedingAnswer.counts.total).toBe(0);
  });
});

describe('FlowRun.inputs', () => {
  it('lists answers with who answered and when, oldest first; the history says it in words', async () => {
    const run = await server.startPaused('get-shirt-order');
    const before = Date.now();
    const resume = 'mutation($id: ID!) { resumeRun(id: $id, input: { size: "large", color: "red" }) { state } }';
    await data('alice', resume, { id: run.id });
    await server.runs.waitForFlowRun(run.id);
    const { flowRun } = await data('alice', INPUTS, { id: run.id });
    expect(flowRun.inputs).toEqual([
      {
        key: 'pause-1',
        inputType: 'ShirtOrder',
        title: 'Shirt order',
        value: { size: 'large', color: 'red' },
        principal: 'alice',
        answeredAt: expect.any(String),
        outcome: 'input',
      },
    ]);
    expect(Date.parse(flowRun.inputs[0].answeredAt)).toBeGreaterThanOrEqual(before - 1000);
    expect(flowRun.states.map((state: any) => state.message)).toContain('Answered by alice: Shirt order');
  });

  it('anonymous answers have no principal; the timeout of a receive is listed too', async () => {
    const goAhead = await server.runs.createFlowRun('suspend-right-away');
    await server.runs.waitForFlowRun(goAhead.id, { states: [FlowRunState.SUSPENDED] });
    await server.runs.resumeFlowRun(goAhead.id, null); // server-side: nobody named
    const answered = (await data('alice', INPUTS, { id: goAhead.id })).flowRun;
    expect(answered.inputs).toEqual([
      expect.objectContaining({ title: 'Go-ahead', principal: null, outcome: 'input', value: null }),
    ]);
    expect(answered.states.map((state: any) => state.message)).toContain('Answered: Go-ahead');

    const notes = await server.runs.createFlowRun('collect-notes'); // receives until 0.3 s pass without input
    expect(await server.runs.waitForFlowRun(notes.id, { timeout: 5000 })).toMatchObject({ state: 'COMPLETED', result: [] });
    const timedOut = (await data('alice', INPUTS, { id: notes.id })).flowRun.inputs;
    expect(timedOut).toEqual([expect.objectContaining({ outcome: 'timeout', title: null, principal: null })]);
  });

  it('follows the read policy of the run', async () => {
    const run = await server.startPaused('approve-expense');
    const result = await as('bob', INPUTS, { id: run.id });
    expect(result.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    await server.runs.cancelFlowRun(run.id);
  });
});
