import { FlowRunState } from '../../../src/index.js';
import { KeyNamespaceFlows } from '../../fixtures/durable/key-namespace.flows.js';
import { flowAppOn } from '../../fixtures/store-flow-app.js';

const { SUSPENDED, PAUSED, COMPLETED, FAILED } = FlowRunState;

describe.each(['sqlite', 'postgres'] as const)(
  'on %s, a recorded step has the kind it was stored as, whatever its key',
  (store) => {
    const app = flowAppOn(store, [KeyNamespaceFlows]);

    async function waitingAt(id: string, state: FlowRunState, key: string): Promise<void> {
      const run = await app().runs.waitForFlowRun(id, { states: [state, COMPLETED, FAILED], timeout: 5000 });
      expect({ state: run.state, key: run.inputRequest?.key, error: run.error }).toEqual({ state, key, error: null });
    }

    it('a suspended pause keyed "receive-approval" replays as a pause', async () => {
      const { runs } = app();
      const run = await runs.createFlowRun('receive-prefixed-pause');
      await waitingAt(run.id, SUSPENDED, 'receive-approval');
      await runs.resumeFlowRun(run.id, { note: 'ok' });
      await waitingAt(run.id, SUSPENDED, 'confirm'); // the replay passed the "receive-approval" pause
      await runs.resumeFlowRun(run.id);
      expect(await runs.waitForFlowRun(run.id, { timeout: 5000 })).toMatchObject({ state: COMPLETED, result: 'ok' });
    });

    it('a pause keyed "receive-2" and a receive timing out at step 2 are both recorded and replayed', async () => {
      const { runs } = app();
      const run = await runs.createFlowRun('receive-key-collision');
      await waitingAt(run.id, PAUSED, 'receive-2');
      await runs.resumeFlowRun(run.id, { note: 'ok' });
      await waitingAt(run.id, SUSPENDED, 'confirm');
      await runs.resumeFlowRun(run.id);
      expect(await runs.waitForFlowRun(run.id, { timeout: 5000 })).toMatchObject({ state: COMPLETED, result: 'ok:timed out' });
    });
  },
);
