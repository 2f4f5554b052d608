import { ActiveRuns } from '../../../src/engine/active-runs.js';
import { RemoteWakeups } from '../../../src/engine/remote-wakeups.js';
import { FlowRunState } from '../../../src/index.js';
import { KeyNamespaceFlows } from '../../fixtures/durable/key-namespace.flows.js';
import { SideEffects } from '../../fixtures/durable/side-effects.service.js';
import { flowAppOn } from '../../fixtures/store-flow-app.js';

const { SUSPENDED, PAUSED, COMPLETED, FAILED } = FlowRunState;

describe.each(['sqlite', 'postgres'] as const)(
  'on %s, a recorded step has the kind it was stored as, whatever its key',
  (store) => {
    const app = flowAppOn(store, [KeyNamespaceFlows, SideEffects]);

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

    it('suspended pauses keyed like a task, a receive, a send and a task prefix resume in turn', async () => {
      const { runs, app: nest } = app();
      const run = await runs.createFlowRun('internal-looking-keys');
      for (const [key, note] of [
        ['note-1', 'a'],
        ['receive-3', 'b'],
        ['send-1', 'c'],
        ['task-1', 'd'],
      ]) {
        await waitingAt(run.id, SUSPENDED, key);
        await runs.resumeFlowRun(run.id, { note });
      }
      const done = await runs.waitForFlowRun(run.id, { timeout: 5000 });
      expect({ state: done.state, result: done.result, error: done.error }).toEqual({
        state: COMPLETED,
        result: 'start,a,mail,b,c,d',
        error: null,
      });
      expect(nest.get(SideEffects).count(run.id, 'note')).toBe(1);
    });

    it('a pause keyed like a receive that timed out is not woken by that timeout', async () => {
      const { runs, app: nest } = app();
      const run = await runs.createFlowRun('pause-after-receive-timeout');
      await waitingAt(run.id, PAUSED, 'receive-2');
      // What a node does for its waiters after a bus reconnect: read the pause's stored outcome (none yet).
      await nest.get(RemoteWakeups).wakeFromStore(nest.get(ActiveRuns).get(run.id)!);
      await runs.resumeFlowRun(run.id, { note: 'ok' });
      expect(await runs.waitForFlowRun(run.id, { timeout: 5000 })).toMatchObject({ state: COMPLETED, result: 'ok', error: null });
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
