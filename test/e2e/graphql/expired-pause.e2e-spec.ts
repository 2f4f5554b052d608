import { jest } from '@jest/globals';
import { FlowRunState, ResumeTokenService, type FlowRun } from '../../../src/index.js';
import { ActiveRuns } from '../../../src/engine/active-runs.js';
import { FlowRunEntity } from '../../../src/persistence/entities/index.js';
import { RecorderService } from '../../fixtures/recorder.service.js';
import { graphqlAppOn } from '../../fixtures/store-flow-app.js';
import { TimeoutDefaultFlows } from '../../fixtures/timeout-default.flows.js';
import { gql, gqlData } from '../../helpers/gql-client.js';

jest.setTimeout(30_000);

const RUN = `query($id: ID!) { flowRun(id: $id) { id state inputRequest { key } inputs { key outcome inputType value } } }`;
const WAITING = `{ flowRuns(filter: { states: [PAUSED, SUSPENDED] }, first: 50) { totalCount edges { node { id } } } }`;
const NEEDS_ANSWER = `{ runsNeedingAnswer { counts { paused suspended total } runs { id } } }`;
const RESUME = `mutation($id: ID!, $input: JSON) { resumeRun(id: $id, input: $input) { id state } }`;

/**
 * Pauses whose deadline passed while nobody applied the timeout yet: the holder's timer (an hour
 * away here) and the sweeper (a minute apart) have not acted, so only the reads stand between a
 * client and a run shown as waiting that no longer is.
 */
describe.each(['sqlite', 'postgres'] as const)('a pause past its deadline is not waiting (%s)', (store) => {
  const app = graphqlAppOn(store, [TimeoutDefaultFlows, RecorderService], { worker: { sweepIntervalMs: 60_000 } });

  /**
   * A run of `flow` waiting past its deadline. SUSPENDED: a real half-second pause, waited out (the
   * sweeper is a minute away). PAUSED: an hour-long pause whose deadline is then moved into the
   * past, in the store and in the holder's copy, as if its timer were about to fire.
   */
  async function expiredRun(flow: string, state = FlowRunState.PAUSED): Promise<FlowRun> {
    const { runs, dataSource, app: nest } = app();
    const suspends = state === FlowRunState.SUSPENDED;
    const run = await runs.createFlowRun(flow, { after: suspends ? 0.5 : 3600 });
    const waiting = await runs.waitForFlowRun(run.id, { states: [state], timeout: 10_000 });
    if (suspends) {
      await new Promise((resolve) => setTimeout(resolve, waiting.pauseExpiresAt!.getTime() - Date.now() + 50));
      return waiting;
    }
    const past = new Date(Date.now() - 1000);
    await dataSource.getRepository(FlowRunEntity).update({ id: run.id }, { pauseExpiresAt: past });
    nest.get(ActiveRuns).get(run.id)!.run.pauseExpiresAt = past;
    return waiting;
  }

  const read = async (id: string) => (await gqlData(app().httpUrl, RUN, { id })).flowRun;

  it.each([FlowRunState.PAUSED, FlowRunState.SUSPENDED])(
    'refuses a resume of a %s run after the deadline with PAUSE_EXPIRED and applies the timeout instead',
    async (state) => {
      const run = await expiredRun(state === FlowRunState.PAUSED ? 'approve-by-default' : 'suspend-by-default', state);
      const { errors } = await gql(app().httpUrl, RESUME, { id: run.id, input: { approved: true, note: 'too late' } });
      expect(errors?.[0].extensions).toMatchObject({
        code: 'CONFLICT',
        nestflowCode: 'PAUSE_EXPIRED',
        runId: run.id,
        key: 'approve',
      });
      expect(errors?.[0].message).not.toMatch(/SQL|sqlite|postgres|stack/i);
      const done = await app().runs.waitForFlowRun(run.id, { timeout: 10_000 });
      expect(done).toMatchObject({ state: 'COMPLETED', result: 'rejected: nobody answered' });
      expect((await read(run.id)).inputs).toEqual([
        {
          key: 'approve',
          outcome: 'timeout-default',
          inputType: 'Decision',
          value: { approved: false, note: 'nobody answered' },
        },
      ]);
    },
  );

  it('flowRun and getFlowRun apply the timeout of an expired pause before answering', async () => {
    const withDefault = await expiredRun('approve-by-default');
    const seen = await read(withDefault.id);
    expect([FlowRunState.RUNNING, FlowRunState.COMPLETED]).toContain(seen.state);
    expect(seen.inputRequest).toBeNull();
    expect(seen.inputs).toEqual([expect.objectContaining({ key: 'approve', outcome: 'timeout-default' })]);

    const failing = await expiredRun('fails-on-timeout');
    expect((await app().runs.getFlowRun(failing.id)).state).not.toBe(FlowRunState.PAUSED);
    expect(await app().runs.waitForFlowRun(failing.id)).toMatchObject({ state: 'FAILED', error: { code: 'PAUSE_TIMEOUT' } });

    const suspended = await expiredRun('suspend-by-default', FlowRunState.SUSPENDED);
    expect((await app().runs.getFlowRun(suspended.id)).state).not.toBe(FlowRunState.SUSPENDED);
    expect(await app().runs.waitForFlowRun(suspended.id)).toMatchObject({
      state: 'COMPLETED',
      result: 'rejected: nobody answered',
    });
  });

  it('inputRequest tells clients what the timeout will do', async () => {
    const REQUEST = `query($id: ID!) { flowRun(id: $id) { inputRequest { onTimeout timeoutDefault expiresAt } } }`;
    const requestOf = async (flow: string) => {
      const run = await app().runs.createFlowRun(flow, { after: 3600 });
      await app().runs.waitForFlowRun(run.id, { states: [FlowRunState.PAUSED] });
      const { inputRequest } = (await gqlData(app().httpUrl, REQUEST, { id: run.id })).flowRun;
      await app().runs.cancelFlowRun(run.id);
      return inputRequest;
    };
    expect(await requestOf('approve-by-default')).toMatchObject({
      onTimeout: 'resume',
      timeoutDefault: { approved: false, note: 'nobody answered' },
    });
    expect(await requestOf('choice-by-default')).toMatchObject({
      onTimeout: 'resume',
      timeoutDefault: { inputType: 'Reject', reason: 'timed out' },
    });
    expect(await requestOf('go-ahead-by-default')).toMatchObject({ onTimeout: 'resume', timeoutDefault: null });
    expect(await requestOf('fails-on-timeout')).toMatchObject({ onTimeout: 'fail', timeoutDefault: null });
  });

  it('flowRuns with a waiting filter and runsNeedingAnswer leave expired pauses out, counts too, then expire them', async () => {
    const live = await app().runs.createFlowRun('approve-by-default', { after: 3600 });
    await app().runs.waitForFlowRun(live.id, { states: [FlowRunState.PAUSED] });
    const paused = await expiredRun('approve-by-default');
    const suspended = await expiredRun('suspend-by-default', FlowRunState.SUSPENDED);
    const expired = [paused.id, suspended.id];

    const waiting = (await gqlData(app().httpUrl, WAITING)).flowRuns;
    const listed: string[] = waiting.edges.map((edge: { node: { id: string } }) => edge.node.id);
    expect(listed).toContain(live.id);
    expect(listed.filter((id) => expired.includes(id))).toEqual([]);
    expect(waiting.totalCount).toBe(listed.length);

    const needs = (await gqlData(app().httpUrl, NEEDS_ANSWER)).runsNeedingAnswer;
    expect(needs.runs.map((run: { id: string }) => run.id)).toEqual([live.id]);
    expect(needs.counts).toEqual({ paused: 1, suspended: 0, total: 1 });

    // Left out without waiting for it, then expired in the background: both finish with their default.
    for (const id of expired) {
      expect(await app().runs.waitForFlowRun(id, { timeout: 10_000 })).toMatchObject({ state: 'COMPLETED' });
    }
    await app().runs.resumeFlowRun(live.id, { approved: true });
    expect(await app().runs.waitForFlowRun(live.id)).toMatchObject({ result: 'approved: -' });
  });
});

describe('a resume past the deadline behind authorization or a resume link (sqlite)', () => {
  const app = graphqlAppOn('sqlite', [TimeoutDefaultFlows, RecorderService], {
    worker: { sweepIntervalMs: 60_000 },
    security: { authorize: () => true, resumeTokenSecret: 'a-secret-of-at-least-32-characters!' },
  });

  async function suspendedPastDeadline(): Promise<FlowRun> {
    const run = await app().runs.createFlowRun('suspend-by-default', { after: 0.5 });
    const waiting = await app().runs.waitForFlowRun(run.id, { states: [FlowRunState.SUSPENDED], timeout: 10_000 });
    await new Promise((resolve) => setTimeout(resolve, waiting.pauseExpiresAt!.getTime() - Date.now() + 50));
    return waiting;
  }

  it('the authorization read does not hide the deadline: the resume still gets PAUSE_EXPIRED', async () => {
    const run = await suspendedPastDeadline();
    const { errors } = await gql(app().httpUrl, RESUME, { id: run.id, input: { approved: true } });
    expect(errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', nestflowCode: 'PAUSE_EXPIRED' });
    expect(await app().runs.waitForFlowRun(run.id, { timeout: 10_000 })).toMatchObject({
      state: 'COMPLETED',
      result: 'rejected: nobody answered',
    });
  });

  it('a resume link used after the deadline is refused as expired', async () => {
    const waiting = await app().runs.createFlowRun('suspend-by-default', { after: 0.5 });
    await app().runs.waitForFlowRun(waiting.id, { states: [FlowRunState.SUSPENDED], timeout: 10_000 });
    const token = await app().app.get(ResumeTokenService).createResumeToken(waiting.id, 'approve');
    await new Promise((resolve) => setTimeout(resolve, 600));
    const USE = `mutation($token: String!, $input: JSON) { resumeRunWithToken(token: $token, input: $input) { runId } }`;
    const { errors } = await gql(app().httpUrl, USE, { token, input: { approved: true } });
    expect(errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'expired' });
    expect((await app().runs.waitForFlowRun(waiting.id, { timeout: 10_000 })).result).toBe('rejected: nobody answered');
  });
});
