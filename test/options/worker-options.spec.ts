import { resolveOptions } from '../../src/config/nestflow.options.js';

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

describe('limits', () => {
  it('refuse a maxKeyLength the key columns cannot hold', () => {
    expect(resolveOptions({ limits: { maxKeyLength: 200 } }).limits.maxKeyLength).toBe(200);
    expect(() => resolveOptions({ limits: { maxKeyLength: 201 } })).toThrow(/maxKeyLength \(201\) must be between 1 and 200/);
    expect(() => resolveOptions({ limits: { maxKeyLength: 0 } })).toThrow(RangeError);
  });
});
