import { FlowRunState, MailboxFullError } from '../../../src/index.js';
import { MailboxMessageEntity } from '../../../src/persistence/entities/index.js';
import { MailboxAbuseFlows } from '../../fixtures/mailbox-abuse.flows.js';
import { graphqlAppOn } from '../../fixtures/store-flow-app.js';
import { gql, type GqlError } from '../../helpers/gql-client.js';

const MAX_MESSAGES = 3;
const SEND = `mutation($id: ID!, $input: JSON!, $key: String) {
  sendInput(id: $id, inputType: "ApprovalInput", input: $input, key: $key) { key duplicate }
}`;

describe.each(['sqlite', 'postgres'] as const)('on %s, a run mailbox is bounded', (store) => {
  const app = graphqlAppOn(store, [MailboxAbuseFlows], { limits: { maxMailboxMessages: MAX_MESSAGES } });

  const send = (id: string, key?: string, note = 'x') => gql(app().httpUrl, SEND, { id, input: { note }, key });
  const stored = (runId: string) => app().dataSource.getRepository(MailboxMessageEntity).countBy({ runId });
  const started = async (flowName: string, parameters?: unknown, state = FlowRunState.PAUSED) => {
    const run = await app().runs.createFlowRun(flowName, parameters);
    return app().runs.waitForFlowRun(run.id, { states: [state, FlowRunState.FAILED], timeout: 5000 });
  };

  /** A refusal as the client sees it: BAD_USER_INPUT, its own code, and no database text. */
  function expectRefused(errors: GqlError[] | undefined, nestflowCode: string): GqlError {
    expect(errors).toHaveLength(1);
    expect(errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', nestflowCode });
    expect(errors![0].message).not.toMatch(/varying|violates|constraint|SQL|flow_run_mailbox/i);
    return errors![0];
  }

  it('refuses a message past limits.maxMailboxMessages (MAILBOX_FULL) and stores nothing', async () => {
    const run = await started('never-receives');
    for (const n of [1, 2, 3]) expect((await send(run.id, `k${n}`)).data?.sendInput).toEqual({ key: `k${n}`, duplicate: false });
    const refused = expectRefused((await send(run.id, 'k4')).errors, 'MAILBOX_FULL');
    expect(refused.extensions).toMatchObject({ runId: run.id, max: MAX_MESSAGES, option: 'maxMailboxMessages' });
    expect(await stored(run.id)).toBe(MAX_MESSAGES);
    // A retry of a message that is in is still answered as a duplicate, full or not.
    expect((await send(run.id, 'k2')).data?.sendInput).toEqual({ key: 'k2', duplicate: true });
  });

  it('counts only messages waiting unreceived', async () => {
    const run = await app().runs.createFlowRun('receive-then-wait', { count: MAX_MESSAGES });
    for (const n of [1, 2, 3]) expect((await send(run.id, `a${n}`)).errors).toBeUndefined();
    await app().runs.waitForFlowRun(run.id, { states: [FlowRunState.PAUSED], timeout: 5000 }); // all three received
    for (const n of [1, 2, 3]) expect((await send(run.id, `b${n}`)).errors).toBeUndefined();
    expectRefused((await send(run.id, 'b4')).errors, 'MAILBOX_FULL');
    expect(await stored(run.id)).toBe(2 * MAX_MESSAGES);
  });

  it("caps clients' and flows' messages apart: clients filling a mailbox do not stop a flow's send", async () => {
    const target = await started('never-receives');
    for (const n of [1, 2, 3]) expect((await send(target.id, `f${n}`)).errors).toBeUndefined();
    expectRefused((await send(target.id, 'f4')).errors, 'MAILBOX_FULL');
    const sender = await started('send-after-pause', { to: target.id });
    await app().runs.resumeFlowRun(sender.id, null);
    const done = await app().runs.waitForFlowRun(sender.id, { timeout: 5000 });
    expect(done).toMatchObject({ state: FlowRunState.COMPLETED });
    expect(await stored(target.id)).toBe(MAX_MESSAGES + 1);
  });

  it('holds the cap under concurrent sends', async () => {
    const run = await started('never-receives');
    // Through the service: what is tested is the store's count and insert, not the HTTP server.
    const sends = Array.from({ length: 24 }, (_, n) =>
      app()
        .runs.sendInput(run.id, { note: 'x' }, { inputType: 'ApprovalInput', key: `c${n}` })
        .catch((error: unknown) => error),
    );
    const results = await Promise.all(sends);
    const refused = results.filter((result) => result instanceof MailboxFullError);
    expect(refused).toHaveLength(results.length - MAX_MESSAGES);
    expect(results.filter((result) => !(result instanceof MailboxFullError))).toEqual(
      Array.from({ length: MAX_MESSAGES }, () => expect.objectContaining({ duplicate: false })),
    );
    expect(await stored(run.id)).toBe(MAX_MESSAGES);
  });

  it('refuses a key longer than limits.maxKeyLength (KEY_TOO_LONG) and stores nothing', async () => {
    const run = await started('never-receives');
    const refused = expectRefused((await send(run.id, 'k'.repeat(201))).errors, 'KEY_TOO_LONG');
    expect(refused.extensions).toMatchObject({ runId: run.id, max: 200, option: 'maxKeyLength' });
    expect(await stored(run.id)).toBe(0);
    expect((await send(run.id, 'k'.repeat(200))).data?.sendInput).toMatchObject({ duplicate: false });
  });

  it('fails a run whose pause key is longer than limits.maxKeyLength, before it pauses', async () => {
    const failed = await started('pause-with-key', { length: 201 }, FlowRunState.PAUSED);
    expect(failed.state).toBe(FlowRunState.FAILED);
    expect(failed.error).toMatchObject({ code: 'KEY_TOO_LONG' });
    const paused = await started('pause-with-key', { length: 200 });
    expect(paused.inputRequest?.key).toHaveLength(200);
    await app().runs.resumeFlowRun(paused.id);
    expect(await app().runs.waitForFlowRun(paused.id, { timeout: 5000 })).toMatchObject({ state: FlowRunState.COMPLETED });
  });
});
