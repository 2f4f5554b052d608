import { parseDuration } from '../../src/config/duration.js';
import { resolveOptions } from '../../src/config/nestflow.options.js';
import { InvalidDurationError } from '../../src/domain/errors/invalid-duration.error.js';
import { FlowRunState } from '../../src/domain/flow-run-state.js';

describe('durations', () => {
  it.each<[number | string, number]>([
    [86_400, 86_400],
    [0.5, 0.5],
    ['30d', 30 * 86_400],
    ['12h', 12 * 3600],
    ['90m', 90 * 60],
    ['45s', 45],
    ['2w', 14 * 86_400],
    ['1.5h', 5400],
    ['2 days', 2 * 86_400],
    // A bare number counts seconds, as every duration in nestflow's API (ms alone would read milliseconds).
    ['3600', 3600],
    [' 7d ', 7 * 86_400],
  ])('%p is %p seconds', (value, seconds) => {
    expect(parseDuration(value, 'olderThan')).toBe(seconds);
  });

  it.each<unknown>([
    '',
    '   ',
    '30 fortnights',
    'd30',
    '-1d',
    '0s',
    0,
    -5,
    Number.NaN,
    Infinity,
    '1000y',
    `${'9'.repeat(120)}d`,
    null,
    {},
    true,
  ])('%p is an InvalidDurationError naming the option', (value) => {
    let error: unknown;
    try {
      parseDuration(value, 'retention.failed');
    } catch (thrown) {
      error = thrown;
    }
    expect(error).toBeInstanceOf(InvalidDurationError);
    expect(error).toMatchObject({ code: 'INVALID_DURATION', option: 'retention.failed' });
    expect((error as Error).message).toMatch(
      /^retention\.failed: .* is not a duration \(.+\)\. Use a positive number of seconds/,
    );
    expect((error as Error).message.length).toBeLessThan(300);
  });
});

describe('retention options', () => {
  it('keep every run forever by default, delete in batches of 500 every 60 s', () => {
    expect(resolveOptions().retention).toEqual({ keep: {}, batchSize: 500, intervalMs: 60_000 });
  });

  it('resolve each final state to seconds; a state left out is kept forever', () => {
    const { retention } = resolveOptions({ retention: { completed: '30d', failed: 7200, batchSize: 50, intervalMs: 1000 } });
    expect(retention).toEqual({
      keep: { [FlowRunState.COMPLETED]: 30 * 86_400, [FlowRunState.FAILED]: 7200 },
      batchSize: 50,
      intervalMs: 1000,
    });
  });

  it('refuse, at bootstrap, a value that is not a duration, naming the option', () => {
    expect(() => resolveOptions({ retention: { cancelled: '30 dayz' } })).toThrow(
      /^retention\.cancelled: "30 dayz" is not a duration/,
    );
    expect(() => resolveOptions({ retention: { completed: -1 } })).toThrow(InvalidDurationError);
    expect(() => resolveOptions({ retention: { batchSize: 0 } })).toThrow(/retention\.batchSize \(0\) must be a whole number/);
    expect(() => resolveOptions({ retention: { intervalMs: 1.5 } })).toThrow(/retention\.intervalMs/);
  });
});
