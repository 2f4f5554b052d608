import { randomUUID } from 'node:crypto';
import { FlowRunState as S } from '../../src/domain/flow-run-state.js';
import type { FlowRun } from '../../src/domain/flow-run.js';
import { openStores, type Dialect, type Stores } from '../helpers/persistence-stores.js';

/**
 * `RunStore.updateWaiting` (an approvals pause's progress) on both stores: a same-state write
 * guarded like a move, with its history row and, if given, the client's requestId.
 */
describe.each<[Dialect]>([['sqlite'], ['postgres']])('updateWaiting on %s', (dialect) => {
  let s: Stores;
  beforeAll(async () => {
    s = await openStores(dialect);
  });
  afterAll(() => s.close());

  async function pausedRun(): Promise<FlowRun> {
    const { scheduled } = await s.runs.createRun(`flow-${randomUUID().slice(0, 8)}`, null);
    const running = await s.runs.transition(scheduled, S.RUNNING);
    const request = {
      key: 'sign-off',
      inputType: 'SignOff',
      approvals: { required: 2, from: null, rejectOn: null, answers: [] },
    };
    return (await s.runs.transition(running!, S.PAUSED, 'waiting', { inputRequest: request }))!;
  }

  it('rewrites the request in the same state, bumps the version and adds a history row', async () => {
    const paused = await pausedRun();
    const answers = [{ principal: 'alice', inputType: 'SignOff', value: { note: 'ok' }, answeredAt: new Date().toISOString() }];
    const inputRequest = { ...paused.inputRequest!, approvals: { ...paused.inputRequest!.approvals!, answers } };
    const updated = await s.runs.updateWaiting(paused, 'Answered by alice', { inputRequest });
    expect(updated).toMatchObject({ state: S.PAUSED, version: paused.version + 1, stateMessage: 'Answered by alice' });
    expect(await s.runs.findRun(paused.id)).toEqual(updated);
    const history = await s.history.statesOf([paused.id]);
    expect(history.map((row) => [row.state, row.message])).toEqual([
      [S.SCHEDULED, null],
      [S.RUNNING, null],
      [S.PAUSED, 'waiting'],
      [S.PAUSED, 'Answered by alice'],
    ]);
  });

  it('writes nothing over a stale version (another answer got there first)', async () => {
    const paused = await pausedRun();
    const first = await s.runs.updateWaiting(paused, 'first', { inputRequest: { ...paused.inputRequest!, title: 'first' } });
    expect(first).not.toBeNull();
    expect(
      await s.runs.updateWaiting(paused, 'second', { inputRequest: { ...paused.inputRequest!, title: 'second' } }),
    ).toBeNull();
    expect(await s.runs.findRun(paused.id)).toEqual(first);
    expect((await s.history.statesOf([paused.id])).map((row) => row.message)).not.toContain('second');
  });

  it("stores the client's requestId with it; a taken one writes nothing", async () => {
    const paused = await pausedRun();
    const request = { id: `req-${randomUUID()}`, operation: 'resume' as const, fingerprint: 'f', inputKey: 'sign-off' };
    const updated = await s.runs.updateWaiting(paused, 'with request', { inputRequest: paused.inputRequest }, undefined, request);
    expect(await s.requests.find(request.id)).toMatchObject({ runId: paused.id, operation: 'resume', inputKey: 'sign-off' });
    expect(await s.runs.updateWaiting(updated!, 'again', { inputRequest: paused.inputRequest }, undefined, request)).toBeNull();
    expect(await s.runs.findRun(paused.id)).toEqual(updated);
  });
});
