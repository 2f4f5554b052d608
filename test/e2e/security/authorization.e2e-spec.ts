import { RunAccessPolicy, type AuthorizeFn, type Principal } from '../../../src/index.js';
import { CANCEL_RUN, CREATE_RUN, RESUME_RUN, RUN_STATES } from '../../helpers/demo-runs.js';
import { subscribeReady } from '../../helpers/gql-client.js';
import { GuardedFlows } from '../../fixtures/security/guarded.flows.js';
import { authenticateByUser, gqlWith, startSecureApp, wsClientWith, type SecureApp } from '../../helpers/secure-app.js';

const PRINCIPALS: Record<string, Principal> = {
  alice: { id: 'alice', roles: ['approver'] },
  bob: { id: 'bob', roles: ['clerk'] },
  eve: { id: 'eve' },
  crash: { id: 'crash' },
  late: { id: 'late' },
};
const authenticate = authenticateByUser(PRINCIPALS);
/** Runs while the policy decides for "late" (after it read the run), as a slow policy store would. */
let whileLateIsChecked: (() => Promise<void>) | null = null;
/**
 * Eve may not touch payments at all; Bob may not start two-notes runs; the policy crashes for
 * "crash"; "late" may answer a run's first pause only.
 */
const authorize: AuthorizeFn = async (principal, action, target) => {
  if (principal?.id === 'late') {
    const allowed = target.run?.inputRequest?.key === 'pause-1';
    await whileLateIsChecked?.();
    return allowed;
  }
  if (principal?.id === 'crash') throw new Error('policy store down');
  if (principal?.id === 'eve' && target.flowName === 'approve-payment') return false;
  return !(principal?.id === 'bob' && action === 'create' && target.flowName === 'two-notes');
};

let server: SecureApp;
beforeAll(async () => (server = await startSecureApp({ security: { authenticate, authorize } }, [GuardedFlows])));
afterAll(() => server?.close());

const as = (user: string, query: string, variables?: Record<string, unknown>) =>
  gqlWith(server.httpUrl, { 'x-user': user }, query, variables);
const FLOW_RUN = 'query($id: ID!) { flowRun(id: $id) { id state } }';

async function expectUnchanged(runId: string, version: number): Promise<void> {
  expect(await server.runs.getFlowRun(runId)).toMatchObject({ state: 'PAUSED', version });
  expect(await server.resumedBy(runId)).toEqual({});
}

describe('@Flow({ resumableBy })', () => {
  it('answers FORBIDDEN to a principal without the role, for resume, cancel and sendInput, and changes nothing', async () => {
    const run = await server.startPaused('approve-payment');
    const resume = await as('bob', RESUME_RUN, { id: run.id, input: { text: 'pay' } });
    expect(resume.errors?.[0].extensions).toEqual({
      code: 'FORBIDDEN',
      nestflowCode: 'FORBIDDEN',
      action: 'resume',
      runId: run.id,
    });
    expect((await as('bob', CANCEL_RUN, { id: run.id })).errors?.[0].extensions).toMatchObject({
      code: 'FORBIDDEN',
      action: 'cancel',
    });
    const send = 'mutation($id: ID!) { sendInput(id: $id, inputType: "NoteInput", input: { text: "x" }) { key } }';
    expect((await as('bob', send, { id: run.id })).errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN', action: 'send' });
    await expectUnchanged(run.id, run.version);
  });

  it('guards retryFlowRun like cancel: FORBIDDEN without the role (nothing changed), the retrier named with it', async () => {
    const created = await server.runs.createFlowRun('pay-once');
    const failed = await server.runs.waitForFlowRun(created.id);
    expect(failed.state).toBe('FAILED');
    const retry = 'mutation($id: ID!) { retryFlowRun(id: $id, reason: "bank is back") { state } }';
    expect((await as('bob', retry, { id: failed.id })).errors?.[0].extensions).toMatchObject({
      code: 'FORBIDDEN',
      action: 'retry',
    });
    expect(await server.runs.getFlowRun(failed.id)).toEqual(failed);
    expect((await as('alice', retry, { id: failed.id })).data.retryFlowRun.state).toBe('SCHEDULED');
    expect(await server.runs.waitForFlowRun(failed.id)).toMatchObject({ state: 'COMPLETED', result: 'paid' });
    const history = await server.runs.getFlowRunStates(failed.id);
    expect(history.map((entry) => entry.message)).toContain('Retried by alice: bank is back');
  });

  it('lets a principal with the role resume, and records it', async () => {
    const run = await server.startPaused('approve-payment');
    const result = await as('alice', RESUME_RUN, { id: run.id, input: { text: 'pay' } });
    expect(result.data.resumeRun.state).toBe('RUNNING');
    expect(await server.resumedBy(run.id)).toEqual({ 'pause-1': 'alice' });
    expect((await server.runs.waitForFlowRun(run.id)).result).toBe('pay');
  });

  it('refuses a null principal (anonymous, as with authentication off) and leaves server code free', async () => {
    const run = await server.startPaused('approve-payment');
    const policy = server.app.get(RunAccessPolicy);
    expect(await policy.allows(null, 'resume', run)).toBe(false);
    expect(await policy.allows(null, 'read', run)).toBe(true);
    await server.runs.resumeFlowRun(run.id, { text: 'by the server' });
    expect(await server.resumedBy(run.id)).toEqual({ 'pause-1': null });
  });
});

describe('security.authorize', () => {
  it('answers FORBIDDEN to a read, and leaves the run out of lists', async () => {
    const payment = await server.startPaused('approve-payment');
    const greeting = await server.startPaused('greet-user');
    expect((await as('eve', FLOW_RUN, { id: payment.id })).errors?.[0].extensions).toMatchObject({
      code: 'FORBIDDEN',
      action: 'read',
    });
    expect((await as('eve', FLOW_RUN, { id: greeting.id })).data.flowRun.id).toBe(greeting.id);
    const list = await as('eve', '{ flowRuns(first: 100) { edges { node { id flowName } } } }');
    const names = list.data.flowRuns.edges.map((edge: { node: { flowName: string } }) => edge.node.flowName);
    expect(names).toContain('greet-user');
    expect(names).not.toContain('approve-payment');
    expect((await as('bob', FLOW_RUN, { id: payment.id })).data.flowRun.id).toBe(payment.id);
  });

  it('filters subscription events and refuses log streams of runs the principal may not read', async () => {
    const client = wsClientWith(server.wsUrl, { user: 'eve' });
    const states = await subscribeReady(client, server.bus, 'run.state', RUN_STATES, {});
    const payment = await server.startPaused('approve-payment');
    // Events reach a subscription in bus order: once the last greeting's PAUSED arrives, every
    // earlier payment event has been delivered or dropped.
    const greeting = await server.startPaused('greet-user');
    const seen = new Set<string>();
    for (let last = ''; last !== `${greeting.id} PAUSED`;) {
      const { id, state } = (await states.nextData()).flowRunStateChanged;
      seen.add(id);
      last = `${id} ${state}`;
    }
    expect(seen).toEqual(new Set([greeting.id]));
    await states.close();
    const logs = await new Promise<unknown>((resolve) => {
      client.subscribe(
        { query: 'subscription($id: ID!) { flowRunLogs(id: $id) { message } }', variables: { id: payment.id } },
        {
          next: (result) => resolve(result.errors?.[0]?.extensions),
          error: (error) => resolve((error as Array<{ extensions: unknown }>)[0]?.extensions),
          complete: () => resolve('complete'),
        },
      );
    });
    expect(logs).toMatchObject({ code: 'FORBIDDEN', action: 'read' });
    await client.dispose();
  });

  it('answers FORBIDDEN to a create the policy refuses, creating nothing', async () => {
    const before = (await server.runs.listFlowRuns({ flowName: 'two-notes' })).totalCount;
    expect((await as('bob', CREATE_RUN, { flow: 'two-notes' })).errors?.[0].extensions).toMatchObject({
      code: 'FORBIDDEN',
      action: 'create',
    });
    expect((await server.runs.listFlowRuns({ flowName: 'two-notes' })).totalCount).toBe(before);
    expect((await as('alice', CREATE_RUN, { flow: 'two-notes' })).data.createFlowRun.state).toBe('SCHEDULED');
  });

  it('treats a policy that throws as a refusal, not an internal error', async () => {
    const run = await server.startPaused('greet-user');
    const result = await as('crash', RESUME_RUN, { id: run.id, input: { name: 'x' } });
    expect(result.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN', action: 'resume' });
    await expectUnchanged(run.id, run.version);
  });
});

describe('a permission is for the pause it was checked against', () => {
  it('the run going on to its next pause during the check: CONFLICT, and the next pause is not answered', async () => {
    const run = await server.startPaused('two-notes');
    whileLateIsChecked = async () => {
      whileLateIsChecked = null;
      await server.runs.resumeFlowRun(run.id, { text: 'first' }, 'pause-1', { resumedBy: 'alice' });
      for (let tries = 0; (await server.runs.getFlowRun(run.id)).inputRequest?.key !== 'pause-2' && tries < 500; tries++) {
        await new Promise((resolve) => setTimeout(resolve, 10)); // until the flow waits at its second pause
      }
    };
    const late = await as('late', RESUME_RUN, { id: run.id, input: { text: 'meant for the first' } });
    expect(late.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', nestflowCode: 'RUN_NOT_PAUSED', runId: run.id });
    expect(await server.runs.getFlowRun(run.id)).toMatchObject({ state: 'PAUSED', inputRequest: { key: 'pause-2' } });
    expect(await server.resumedBy(run.id)).toEqual({ 'pause-1': 'alice' });
    await server.runs.cancelFlowRun(run.id);
  });
});
