import { FlowRunState } from '../../../src/index.js';
import { MailboxAbuseFlows } from '../../fixtures/mailbox-abuse.flows.js';
import { flowAppOn } from '../../fixtures/store-flow-app.js';

describe.each(['sqlite', 'postgres'] as const)('on %s, flow-to-flow keys are not the clients’ to take', (store) => {
  const app = flowAppOn(store, [MailboxAbuseFlows]);

  it('a client that sends first under a flow’s future key does not drop the flow’s message', async () => {
    const { runs, startPaused } = app();
    const receiver = await runs.createFlowRun('await-flow-message');
    const sender = await startPaused('send-after-pause', { to: receiver.id });
    const futureKey = `${sender.id}:send-1`; // what the sender's first sendInput will use
    const sent = await runs.sendInput(receiver.id, { note: 'from a client' }, { inputType: 'ApprovalInput', key: futureKey });
    expect(sent).toMatchObject({ key: futureKey, duplicate: false });
    // The client's key keeps its idempotency among the client's own messages.
    const again = await runs.sendInput(receiver.id, { note: 'from a client' }, { inputType: 'ApprovalInput', key: futureKey });
    expect(again.duplicate).toBe(true);

    await runs.resumeFlowRun(sender.id);
    expect(await runs.waitForFlowRun(sender.id, { timeout: 5000 })).toMatchObject({ state: FlowRunState.COMPLETED });
    expect(await runs.waitForFlowRun(receiver.id, { timeout: 10_000 })).toMatchObject({
      state: FlowRunState.COMPLETED,
      result: 'from a flow',
    });
  });
});
