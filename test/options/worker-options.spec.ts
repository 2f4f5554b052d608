import { resolveOptions } from '../../src/nestflow.options.js';

describe('worker heartbeat options', () => {
  it('default to a 2 s heartbeat, a 10 s node timeout and a 15 s audit', () => {
    expect(resolveOptions().worker).toMatchObject({ heartbeatMs: 2000, nodeTimeoutMs: 10_000, auditIntervalMs: 15_000 });
  });

  it('refuse a node timeout shorter than two heartbeats, naming both values', () => {
    expect(() => resolveOptions({ worker: { heartbeatMs: 5000, nodeTimeoutMs: 6000 } })).toThrow(
      /nodeTimeoutMs \(6000\) must be at least twice worker.heartbeatMs \(5000\)/,
    );
    expect(() => resolveOptions({ worker: { heartbeatMs: 0 } })).toThrow(RangeError);
  });
});
