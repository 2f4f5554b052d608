import { FlowRunState, type FlowRun } from '../../../src/index.js';
import { AskAgainFlows } from '../../fixtures/durable/ask-again.flows.js';
import { graphqlAppOn } from '../../fixtures/store-flow-app.js';
import { gqlData } from '../../helpers/gql-client.js';

const { PAUSED, SUSPENDED, COMPLETED, FAILED } = FlowRunState;
const STOPS = [PAUSED, SUSPENDED, COMPLETED, FAILED];

const RUN = `query($id: ID!) { flowRun(id: $id) {
  state
  inputRequest { key initialData previousAnswer { inputType value outcome principal answeredAt attempt } }
  inputs { key value principal attempt }
} }`;

describe.each(['sqlite', 'postgres'] as const)('askAgainOnRetry (%s)', (store) => {
  const app = graphqlAppOn(store, [AskAgainFlows]);
  const runs = () => app().runs;
  const priced = (run: FlowRun) => AskAgainFlows.priced.filter((entry) => entry.runId === run.id).map((entry) => entry.size);
  const history = async (run: FlowRun) => (await runs().getFlowRunStates(run.id)).map((entry) => entry.message ?? entry.state);

  /** Starts `flow`, answers its pause as alice with size S, and waits for where the flow stops next. */
  async function answeredOnce(flow: string): Promise<FlowRun> {
    const run = await runs().createFlowRun(flow);
    await runs().waitForFlowRun(run.id, { states: STOPS, timeout: 5000 });
    await runs().resumeFlowRun(run.id, { size: 'S', color: 'red' }, null, { resumedBy: 'alice' });
    return runs().waitForFlowRun(run.id, { states: STOPS, timeout: 5000 });
  }

  it('a flow retry asks again, showing the old answer; the new one is used by the steps after the pause', async () => {
    const asked = await answeredOnce('asked-again');
    expect(asked).toMatchObject({ state: PAUSED, attempt: 2 });
    expect(asked.inputRequest).toMatchObject({
      key: 'order',
      initialData: { size: 'S', color: 'red' },
      previousAnswer: {
        inputType: 'ShirtInput',
        value: { size: 'S', color: 'red' },
        outcome: 'input',
        principal: 'alice',
        attempt: 1,
      },
    });
    expect(await history(asked)).toContain('Asked again on retry (attempt 2): Shirt; previous answer by alice');
    // The steps computed from the old answer were discarded with the move: none is left to replay.
    const p = store === 'postgres' ? '$1' : '?';
    expect(await app().dataSource.query(`SELECT task_name FROM task_runs WHERE run_id = ${p}`, [asked.id])).toEqual([]);
    const seen = (await gqlData(app().httpUrl, RUN, { id: asked.id })).flowRun;
    expect(seen.inputRequest.previousAnswer).toMatchObject({
      principal: 'alice',
      attempt: 1,
      value: { size: 'S', color: 'red' },
    });
    expect(seen.inputRequest.initialData).toEqual({ size: 'S', color: 'red' });

    await runs().resumeFlowRun(asked.id, { size: 'L', color: 'red' }, null, { resumedBy: 'bob' });
    const done = await runs().waitForFlowRun(asked.id, { timeout: 5000 });
    expect(done).toMatchObject({ state: COMPLETED, result: 'shipped red L at 14', attempt: 2 });
    expect(priced(done)).toEqual(['S', 'L']);
    // Both answers stay in history, each with its attempt.
    const answers = (await gqlData(app().httpUrl, RUN, { id: done.id })).flowRun.inputs;
    expect(answers).toEqual([
      { key: 'order', value: { size: 'S', color: 'red' }, principal: 'alice', attempt: 1 },
      { key: 'order', value: { size: 'L', color: 'red' }, principal: 'bob', attempt: 2 },
    ]);
  });

  it('without the option a retry replays the old answer and what was computed from it (unchanged)', async () => {
    const done = await answeredOnce('replayed');
    expect(done).toMatchObject({ state: COMPLETED, result: 'shipped red S at 10', attempt: 2 });
    expect(priced(done)).toEqual(['S']);
  });

  it('a pause that says askAgainOnRetry: false replays, whatever its flow says', async () => {
    const done = await answeredOnce('pause-opts-out');
    expect(done).toMatchObject({ state: COMPLETED, result: 'shipped red S at 10', attempt: 2 });
  });

  it("an operator's retry asks again too", async () => {
    const failed = await answeredOnce('operator-retried');
    expect(failed).toMatchObject({ state: FAILED, error: { message: 'carrier down' } });
    await runs().retryFlowRun(failed.id, { retriedBy: 'carol' });
    const asked = await runs().waitForFlowRun(failed.id, { states: STOPS, timeout: 5000 });
    expect(asked).toMatchObject({ state: PAUSED, attempt: 2 });
    expect(asked.inputRequest?.previousAnswer).toMatchObject({ principal: 'alice', value: { size: 'S', color: 'red' } });
    await runs().resumeFlowRun(asked.id, { size: 'M', color: 'blue' });
    const done = await runs().waitForFlowRun(asked.id, { timeout: 5000 });
    expect(done).toMatchObject({ state: COMPLETED, result: 'shipped blue M at 12' });
    expect(priced(done)).toEqual(['S', 'M']);
  });

  it('a suspend asked again (the option on the call) comes back through replay with the new answer', async () => {
    const asked = await answeredOnce('suspended-asked-again');
    expect(asked).toMatchObject({ state: SUSPENDED, attempt: 2 });
    expect(asked.inputRequest).toMatchObject({ suspended: true, initialData: { size: 'S', color: 'red' } });
    expect(await history(asked)).toContain('Suspended, asked again on retry (attempt 2): Shirt; previous answer by alice');
    await runs().resumeFlowRun(asked.id, { size: 'L', color: 'green' });
    const done = await runs().waitForFlowRun(asked.id, { timeout: 5000 });
    expect(done).toMatchObject({ state: COMPLETED, result: 'shipped green L at 14', attempt: 2 });
    expect(priced(done)).toEqual(['S', 'L']);
  });
});
