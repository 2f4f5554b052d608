import { decodeEvent, encodeEvent } from '../../src/events/event-codec.js';
import { FlowRunState } from '../../src/domain/flow-run-state.js';
import type { FlowRun } from '../../src/domain/flow-run.js';

const run = (parameters: unknown): FlowRun => ({
  id: '6f1c1f0e-8a8e-4d55-9a3a-2f0b7c1d2e3f',
  flowName: 'shirt-order',
  flowVersion: '2',
  state: FlowRunState.PAUSED,
  stateMessage: 'waiting',
  version: 4,
  parameters,
  result: null,
  error: null,
  inputRequest: null,
  pauseExpiresAt: new Date('2026-12-01T10:00:00.123Z'),
  scheduledAt: null,
  retriedAt: new Date('2026-12-01T09:10:00.000Z'),
  attempt: 0,
  leaseOwner: 'node-a',
  createdAt: new Date('2026-12-01T09:00:00.000Z'),
  updatedAt: new Date('2026-12-01T09:30:00.456Z'),
});

describe('event codec (NOTIFY payloads)', () => {
  it('carries the run snapshot when it fits, with its dates as dates; never back to its own node', () => {
    const event = {
      type: 'run.state' as const,
      runId: run(1).id,
      flowName: 'shirt-order',
      state: FlowRunState.PAUSED,
      run: run({ a: 1 }),
    };
    const payload = encodeEvent(event, 'node-a');
    expect(decodeEvent(payload, 'node-b')).toEqual({ ...event, remote: true });
    expect(decodeEvent(payload, 'node-a')).toBeNull();
  });

  it('leaves a run out that would not fit in 7000 bytes (the receiver reads it from the store)', () => {
    const event = { type: 'run.paused' as const, runId: run(1).id, flowName: 'shirt-order', run: run({ big: 'é'.repeat(4000) }) };
    const payload = encodeEvent(event, 'node-a');
    expect(Buffer.byteLength(payload)).toBeLessThan(7000);
    expect(decodeEvent(payload, 'node-b')).toEqual({
      type: 'run.paused',
      runId: event.runId,
      flowName: 'shirt-order',
      remote: true,
    });
  });
});
