import {
  AlreadyAnsweredError,
  ApprovalNeedsPrincipalError,
  ForbiddenError,
  FlowRunState,
  InputValidationError,
  NotAnApproverError,
  RunAnswersService,
  RunNotPausedError,
  type Principal,
} from '../../../src/index.js';
import { SignOffFlows } from '../../fixtures/approval.flows.js';
import { authenticateByUser, gqlWith, startSecureApp, wsClientWith, type SecureApp } from '../../helpers/secure-app.js';
import { subscribeReady } from '../../helpers/gql-client.js';
import { runDetails } from '../../../src/cli/format.js';
import { FLOW_RUN } from '../../../src/cli/graphql.documents.js';

const PRINCIPALS: Record<string, Principal> = {
  alice: { id: 'alice', roles: ['finance'] },
  bob: { id: 'bob', roles: ['cto'] },
  carol: { id: 'carol' },
  dave: { id: 'dave', roles: ['clerk'] },
};
const authenticate = authenticateByUser(PRINCIPALS);

// The demo app's GraphQL set-up (subscriptions over graphql-ws) with the approval flows, on SQLite.
let server: SecureApp;
beforeAll(async () => (server = await startSecureApp({ security: { authenticate } }, [SignOffFlows])));
afterAll(() => server?.close());
const app = () => server;
const as = (user: string, query: string, variables?: Record<string, unknown>) =>
  gqlWith(app().httpUrl, { 'x-user': user }, query, variables);
const RESUME = 'mutation($id: ID!, $input: JSON) { resumeRun(id: $id, input: $input) { state version } }';
const PROGRESS = `query($id: ID!) { flowRun(id: $id) { state version
  inputRequest { key approvals { required received answeredBy from rejectOn } }
  inputs { key inputType principal value outcome } } }`;

async function paused(flowName: string) {
  const run = await app().runs.createFlowRun(flowName);
  return app().runs.waitForFlowRun(run.id, { states: [FlowRunState.PAUSED, FlowRunState.SUSPENDED], timeout: 5000 });
}
async function waitForKey(id: string, key: string) {
  for (let tries = 0; tries < 100; tries++) {
    const run = await app().runs.getFlowRun(id);
    if (run.inputRequest?.key === key) return run;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`run ${id} never waited for ${key}`);
}
const answer = (id: string, input: unknown, resumedBy: string | null, roles: string[] = []) =>
  app().runs.resumeFlowRun(id, input, null, { resumedBy, roles });

describe('pauseFlowRun({ approvals })', () => {
  it('2 of 3: answers from distinct principals resume the run with both answers, in order, each with who', async () => {
    const run = await paused('two-of-three');
    const first = await answer(run.id, { note: 'budget ok' }, 'alice', ['finance']);
    expect(first).toMatchObject({ state: 'PAUSED', version: run.version + 1 });
    expect(first.inputRequest?.approvals?.answers.map((given) => given.principal)).toEqual(['alice']);
    const second = await answer(run.id, { note: 'ship it' }, 'carol'); // by id, not by role
    expect(second.state).toBe('RUNNING');
    const done = await app().runs.waitForFlowRun(run.id);
    expect(done.result).toEqual({
      approved: true,
      rejected: false,
      answers: [
        { principal: 'alice', kind: 'SignOff', value: { note: 'budget ok' }, dated: true },
        { principal: 'carol', kind: 'SignOff', value: { note: 'ship it' }, dated: true },
      ],
    });
    const history = (await app().runs.getFlowRunStates(run.id)).map((entry) => `${entry.state}: ${entry.message}`);
    expect(history).toContain('PAUSED: Answered by alice: Sign off (1 of 2 approvals)');
    expect(history).toContain('RUNNING: Answered by carol: Sign off (2 of 2 approvals)');
    // One outcome for the pause, holding both answers; resolved once.
    const rows = await app().dataSource.query('SELECT outcome FROM flow_run_inputs WHERE run_id = ?', [run.id]);
    expect(rows).toEqual([{ outcome: 'approvals' }]);
    const [stored] = await app().runs.getFlowRunInputs(run.id);
    expect(stored).toMatchObject({ key: 'pause-1', inputType: 'SignOff', value: { rejected: false } });
    expect((stored.value as { answers: Array<{ principal: string }> }).answers.map((given) => given.principal)).toEqual([
      'alice',
      'carol',
    ]);
    expect(history.filter((line) => line.startsWith('RUNNING')).length).toBe(2); // claimed, then resumed once
  });

  it('refuses a second answer of the same principal (ALREADY_ANSWERED), a principal outside from (FORBIDDEN), and anonymous answers; none counts', async () => {
    const run = await paused('two-of-three');
    const first = await answer(run.id, { note: 'yes' }, 'alice', ['finance']);
    await expect(answer(run.id, { note: 'yes again' }, 'alice', ['finance'])).rejects.toThrow(AlreadyAnsweredError);
    await expect(answer(run.id, { note: 'me too' }, 'dave', ['clerk'])).rejects.toThrow(ForbiddenError);
    await expect(answer(run.id, { note: 'me too' }, 'dave', ['clerk'])).rejects.toThrow(NotAnApproverError);
    await expect(answer(run.id, { note: 'anyone' }, null)).rejects.toThrow(ApprovalNeedsPrincipalError);
    // Refused for who answers before what: an invalid input from someone who cannot answer is not validated.
    await expect(answer(run.id, { note: 42 }, 'alice', ['finance'])).rejects.toThrow(AlreadyAnsweredError);
    await expect(answer(run.id, { note: 42 }, null)).rejects.toThrow(ApprovalNeedsPrincipalError);
    await expect(answer(run.id, { note: 42 }, 'bob', ['cto'])).rejects.toThrow(InputValidationError);
    expect(await app().runs.getFlowRun(run.id)).toMatchObject({ state: 'PAUSED', version: first.version });

    const again = await as('alice', RESUME, { id: run.id, input: { note: 'yes again' } });
    expect(again.errors?.[0].extensions).toEqual({
      code: 'CONFLICT',
      nestflowCode: 'ALREADY_ANSWERED',
      runId: run.id,
      key: 'pause-1',
      principal: 'alice',
    });
    const outsider = await as('dave', RESUME, { id: run.id, input: { note: 'me too' } });
    expect(outsider.errors?.[0].extensions).toEqual({
      code: 'FORBIDDEN',
      nestflowCode: 'FORBIDDEN',
      action: 'resume',
      runId: run.id,
      key: 'pause-1',
      principal: 'dave',
    });
    expect(outsider.errors?.[0].message).toMatch(/^"dave" may not approve "pause-1" of flow run .*approvals\.from/);
    expect(await app().runs.getFlowRun(run.id)).toMatchObject({ state: 'PAUSED', version: first.version });

    expect((await as('bob', RESUME, { id: run.id, input: { note: 'cto ok' } })).data.resumeRun.state).toBe('RUNNING');
    const done = await app().runs.waitForFlowRun(run.id);
    expect((done.result as { answers: Array<{ principal: string }> }).answers.map((given) => given.principal)).toEqual([
      'alice',
      'bob',
    ]);
    // A late answer finds the pause resolved.
    await expect(answer(run.id, { note: 'late' }, 'carol')).rejects.toThrow(RunNotPausedError);
  });

  it('three principals answering a 2-of-3 pause at once: two count, the third finds it resolved; resolved once', async () => {
    const run = await paused('two-of-three');
    const outcomes = await Promise.allSettled([
      answer(run.id, { note: 'a' }, 'alice', ['finance']),
      answer(run.id, { note: 'b' }, 'bob', ['cto']),
      answer(run.id, { note: 'c' }, 'carol'),
    ]);
    expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(2);
    const refused = outcomes.find((outcome) => outcome.status === 'rejected') as PromiseRejectedResult;
    expect(refused.reason).toBeInstanceOf(RunNotPausedError);
    const done = await app().runs.waitForFlowRun(run.id);
    expect((done.result as { answers: unknown[] }).answers).toHaveLength(2);
    const rows = await app().dataSource.query('SELECT outcome FROM flow_run_inputs WHERE run_id = ?', [run.id]);
    expect(rows).toEqual([{ outcome: 'approvals' }]);
  });

  it('rejectOn: the first rejecting answer resolves the pause at once, as rejected, with every answer', async () => {
    const run = await paused('vetoable');
    await answer(run.id, { inputType: 'SignOff', note: 'fine by me' }, 'alice');
    const vetoed = await answer(run.id, { inputType: 'Veto', reason: 'not now' }, 'bob');
    expect(vetoed.state).toBe('RUNNING');
    expect((await app().runs.waitForFlowRun(run.id)).result).toEqual({
      approved: false,
      rejected: true,
      answers: [
        { principal: 'alice', kind: 'SignOff', value: { note: 'fine by me' }, dated: true },
        { principal: 'bob', kind: 'Veto', value: { reason: 'not now' }, dated: true },
      ],
    });
    const first = await paused('vetoable');
    await answer(first.id, { inputType: 'Veto', reason: 'too expensive' }, 'carol');
    expect((await app().runs.waitForFlowRun(first.id)).result).toMatchObject({
      rejected: true,
      answers: [{ principal: 'carol' }],
    });
  });

  it('through suspend and replay: answers kept while suspended, the replay returns them; tasks ran once', async () => {
    const flows = app().app.get(SignOffFlows);
    const before = { ...flows.taskRuns };
    const run = await paused('suspended-sign-off');
    expect(run.state).toBe('SUSPENDED');
    const progressed = await answer(run.id, { note: 'one' }, 'alice');
    expect(progressed).toMatchObject({ state: 'SUSPENDED', version: run.version + 1 });
    expect((await answer(run.id, { note: 'two' }, 'bob')).state).toBe('SCHEDULED');
    const filed = await app().runs.waitForFlowRun(run.id, { states: [FlowRunState.SUSPENDED], timeout: 5000 });
    expect(filed.inputRequest?.key).toBe('filed');
    await app().runs.resumeFlowRun(run.id, null, 'filed', { resumedBy: 'carol' });
    const done = await app().runs.waitForFlowRun(run.id);
    expect(done.result).toEqual({
      approved: true,
      rejected: false,
      answers: [
        { principal: 'alice', kind: 'SignOff', value: { note: 'one' }, dated: true },
        { principal: 'bob', kind: 'SignOff', value: { note: 'two' }, dated: true },
      ],
    });
    expect(flows.taskRuns.prepare - (before.prepare ?? 0)).toBe(1);
    expect(flows.taskRuns.book - (before.book ?? 0)).toBe(1);
  });

  it('a pause without input takes approvals too (a go-ahead from two people)', async () => {
    const run = await paused('go-ahead');
    await answer(run.id, null, 'alice');
    await answer(run.id, {}, 'bob');
    expect((await app().runs.waitForFlowRun(run.id)).result).toMatchObject({
      approved: true,
      answers: [
        { principal: 'alice', kind: null, value: null },
        { principal: 'bob', kind: null, value: null },
      ],
    });
  });

  it('a pause short of answers still times out on time (the copy of the run the flow holds follows each answer)', async () => {
    const run = await paused('quick-sign-off');
    expect((await answer(run.id, { note: 'only me' }, 'alice')).state).toBe('PAUSED');
    expect(await app().runs.waitForFlowRun(run.id, { timeout: 10_000 })).toMatchObject({
      state: 'COMPLETED',
      result: 'timed out',
    });
  });

  it("timeout { then: 'resume' }: at the deadline the run goes on with the answers given so far, timedOut, not approved", async () => {
    const run = await paused('deadline-sign-off');
    expect((await answer(run.id, { note: 'fine by me' }, 'alice')).state).toBe('PAUSED');
    const done = await app().runs.waitForFlowRun(run.id, { timeout: 10_000 });
    expect(done.result).toEqual({
      approved: false,
      rejected: false,
      timedOut: true,
      answers: [{ principal: 'alice', kind: 'SignOff', value: { note: 'fine by me' }, dated: true }],
    });
    const history = (await app().runs.getFlowRunStates(run.id)).map((entry) => `${entry.state}: ${entry.message}`);
    expect(history).toContain('RUNNING: Pause "pause-1" timed out after 0.4 s: went on with 1 of 2 approvals (alice)');
    const rows = await app().dataSource.query('SELECT outcome FROM flow_run_inputs WHERE run_id = ?', [run.id]);
    expect(rows).toEqual([{ outcome: 'timeout-default' }]);
    // The answers listed one by one, then the deadline that ended the pause.
    const listed = await as('bob', PROGRESS, { id: run.id });
    expect(listed.data.flowRun.inputs).toEqual([
      { key: 'pause-1', inputType: 'SignOff', principal: 'alice', value: { note: 'fine by me' }, outcome: 'input' },
      { key: 'pause-1', inputType: 'SignOff', principal: null, value: null, outcome: 'timeout-default' },
    ]);
    // Too late: the pause is over, and says so.
    await expect(answer(run.id, { note: 'me too' }, 'bob')).rejects.toThrow(RunNotPausedError);
  });

  it('a suspended approvals pause past its deadline goes on (no flow in memory), and replays return the same answers', async () => {
    const run = await paused('suspended-deadline-sign-off');
    expect((await answer(run.id, { note: 'ok' }, 'carol')).state).toBe('SUSPENDED');
    // The sweeper or a read applies the deadline; the replay suspends again at 'filed'.
    const filed = await app().runs.waitForFlowRun(run.id, { states: [FlowRunState.SUSPENDED], timeout: 10_000 });
    const again = filed.inputRequest?.key === 'filed' ? filed : await waitForKey(run.id, 'filed');
    expect(again.inputRequest?.key).toBe('filed');
    await answer(run.id, undefined, 'carol');
    const done = await app().runs.waitForFlowRun(run.id, { timeout: 10_000 });
    expect(done.result).toMatchObject({ approved: false, timedOut: true, answers: [{ principal: 'carol' }] });
  });

  it('an approvals pause refuses a default answer (it has no principal) with a message naming the option', async () => {
    const run = await app().runs.createFlowRun('approvals-with-default');
    const failed = await app().runs.waitForFlowRun(run.id);
    expect(failed.state).toBe('FAILED');
    expect((failed.error as { message: string }).message).toMatch(/approvals pause takes no timeout\.with/);
  });

  it('bad approvals options fail the flow with a message naming the option', async () => {
    const run = await app().runs.createFlowRun('bad-approvals');
    const failed = await app().runs.waitForFlowRun(run.id);
    expect(failed.state).toBe('FAILED');
    expect((failed.error as { message: string }).message).toMatch(/approvals\.required must be a whole number/);
  });

  it('shows the progress over GraphQL: InputRequest.approvals, FlowRun.inputs per answer, flowRunStateChanged per answer', async () => {
    const run = await paused('two-of-three');
    const client = wsClientWith(app().wsUrl, { user: 'alice' });
    const states = await subscribeReady(
      client,
      app().bus,
      'run.state',
      `subscription($id: ID) { flowRunStateChanged(id: $id) { state version inputRequest { approvals { received answeredBy } } } }`,
      { id: run.id },
    );
    try {
      const start = await as('alice', PROGRESS, { id: run.id });
      expect(start.data.flowRun.inputRequest.approvals).toEqual({
        required: 2,
        received: 0,
        answeredBy: [],
        from: ['finance', 'cto', 'carol'],
        rejectOn: null,
      });
      await as('alice', RESUME, { id: run.id, input: { note: 'ok' } });
      const event = await states.nextData(5000);
      expect(event.flowRunStateChanged).toEqual({
        state: 'PAUSED',
        version: run.version + 1,
        inputRequest: { approvals: { received: 1, answeredBy: ['alice'] } },
      });
      const progress = await as('bob', PROGRESS, { id: run.id });
      expect(progress.data.flowRun.inputRequest.approvals).toMatchObject({ required: 2, received: 1, answeredBy: ['alice'] });
      const served = await app().app.get(RunAnswersService).answeredInputs(run.id);
      expect(served.map((given) => [given.principal, given.value])).toEqual([['alice', { note: 'ok' }]]);
      // The CLI's run view (its own document, its own formatting): the progress in one line.
      const view = (await as('bob', FLOW_RUN, { id: run.id })).data.flowRun;
      expect(runDetails(view)).toContain('  Approvals   1 of 2 approvals (alice); from finance, cto, carol');
      expect(progress.data.flowRun.inputs).toEqual([
        { key: 'pause-1', inputType: 'SignOff', principal: 'alice', value: { note: 'ok' }, outcome: 'input' },
      ]);
      await as('bob', RESUME, { id: run.id, input: { note: 'go' } });
      expect((await states.nextData(5000)).flowRunStateChanged).toMatchObject({ state: 'RUNNING', inputRequest: null });
      await app().runs.waitForFlowRun(run.id);
      const after = await as('carol', PROGRESS, { id: run.id });
      expect(after.data.flowRun.inputRequest).toBeNull();
      expect(after.data.flowRun.inputs.map((given: { principal: string }) => given.principal)).toEqual(['alice', 'bob']);
    } finally {
      await states.close();
      await client.dispose();
    }
  });
});
