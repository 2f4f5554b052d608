import { RetryFlows } from '../../fixtures/durable/retry.flows.js';
import { SideEffects } from '../../fixtures/durable/side-effects.service.js';
import { graphqlAppOn } from '../../fixtures/store-flow-app.js';
import { gql } from '../../helpers/gql-client.js';

const RETRY = `mutation($id: ID!, $reason: String, $fromStep: Int) {
  retryFlowRun(id: $id, reason: $reason, fromStep: $fromStep) { id state error stateMessage }
}`;

describe('retryFlowRun over GraphQL', () => {
  const app = graphqlAppOn('sqlite', [SideEffects, RetryFlows]);
  afterEach(() => (RetryFlows.shipFails = true));

  async function failedOrder() {
    const { runs } = app();
    const run = await runs.createFlowRun('order');
    await runs.waitForFlowRun(run.id, { states: ['PAUSED' as never] });
    await runs.resumeFlowRun(run.id, { note: 'ok' });
    return runs.waitForFlowRun(run.id);
  }

  it('sends a FAILED run back to be replayed, with the reason in its history', async () => {
    const failed = await failedOrder();
    RetryFlows.shipFails = false;
    const { data, errors } = await gql(app().httpUrl, RETRY, { id: failed.id, reason: 'carrier is back', fromStep: 3 });
    expect(errors).toBeUndefined();
    expect(data.retryFlowRun).toEqual({
      id: failed.id,
      state: 'SCHEDULED',
      error: null,
      stateMessage: 'Retried from step 3: carrier is back',
    });
    expect(await app().runs.waitForFlowRun(failed.id)).toMatchObject({ state: 'COMPLETED', result: 'shipped after ok' });
  });

  it('answers bad input with a stable code and changes nothing', async () => {
    const failed = await failedOrder();
    const { httpUrl } = app();
    const code = async (variables: Record<string, unknown>) => (await gql(httpUrl, RETRY, variables)).errors?.[0].extensions;
    expect(await code({ id: failed.id, fromStep: 0 })).toMatchObject({
      code: 'BAD_USER_INPUT',
      nestflowCode: 'INVALID_RETRY_STEP',
    });
    expect(await code({ id: failed.id, fromStep: 1.5 })).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(await code({ id: '00000000-0000-4000-8000-000000000000' })).toMatchObject({ code: 'NOT_FOUND' });
    expect(await app().runs.getFlowRun(failed.id)).toEqual(failed);
    RetryFlows.shipFails = false;
    expect((await gql(httpUrl, RETRY, { id: failed.id })).data.retryFlowRun.state).toBe('SCHEDULED');
    const again = await gql(httpUrl, RETRY, { id: failed.id });
    expect(again.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', nestflowCode: 'INVALID_FLOW_RUN_STATE' });
    expect(again.errors?.[0].message).not.toMatch(/SQL|sqlite|stack/i);
  });
});
