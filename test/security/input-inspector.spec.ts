import { inspectInput, type InputLimits } from '../../src/inputs/input-inspector.js';
import {
  InputLimitExceededError,
  InputTooLargeError,
  InputValidationError,
  type InputViolation,
} from '../../src/domain/errors/index.js';

const LIMITS: InputLimits = { maxInputBytes: 64 * 1024, maxDepth: 5, maxKeys: 50, maxStringLength: 100 };

function refusal(value: unknown, limits = LIMITS): unknown {
  try {
    inspectInput(value, limits, 'input', 'run-1');
  } catch (error) {
    return error;
  }
  throw new Error(`accepted ${String(value)}`);
}

function violations(value: unknown): InputViolation[] {
  const error = refusal(value);
  expect(error).toBeInstanceOf(InputValidationError);
  expect(error).toMatchObject({ runId: 'run-1' });
  return (error as InputValidationError).violations;
}

const nest = (depth: number, leaf: unknown = 1): unknown => {
  let value = leaf;
  for (let i = 0; i < depth; i++) value = i % 2 ? [value] : { a: value };
  return value;
};

describe('inspectInput limits', () => {
  it('accepts ordinary JSON, dates and nothing at all', () => {
    for (const value of [undefined, null, 'x', 3, true, { a: [1, { b: 'c' }] }, { when: new Date(0) }]) {
      expect(() => inspectInput(value, LIMITS)).not.toThrow();
    }
  });

  it('names the depth limit and where it broke', () => {
    expect(() => inspectInput(nest(5), LIMITS)).not.toThrow();
    const error = refusal(nest(6));
    expect(error).toBeInstanceOf(InputLimitExceededError);
    expect(error).toMatchObject({ code: 'INPUT_LIMIT_EXCEEDED', option: 'maxDepth', max: 5, path: '0.a.0.a.0' });
    expect((error as Error).message).toBe('The input is nested deeper than 5 at "0.a.0.a.0" (option limits.maxDepth).');
  });

  it('refuses 100 000 levels of nesting without a stack overflow', () => {
    expect(refusal(nest(100_000))).toMatchObject({ option: 'maxDepth' });
    expect(refusal(JSON.parse(`${'['.repeat(100_000)}${']'.repeat(100_000)}`))).toMatchObject({ option: 'maxDepth' });
  });

  it('counts keys and array items together', () => {
    expect(() => inspectInput({ list: Array(49).fill(0) }, LIMITS)).not.toThrow();
    expect(refusal({ list: Array(50).fill(0) })).toMatchObject({ option: 'maxKeys', max: 50 });
    expect(refusal(Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`k${i}`, i])))).toMatchObject({ option: 'maxKeys' });
  });

  it('limits string values and keys', () => {
    expect(refusal({ name: 'x'.repeat(101) })).toMatchObject({ option: 'maxStringLength', path: 'name' });
    expect(refusal({ ['k'.repeat(101)]: 1 })).toMatchObject({ option: 'maxStringLength' });
  });

  it('checks the byte size first, with the existing InputTooLargeError', () => {
    const error = refusal({ name: 'x'.repeat(200) }, { ...LIMITS, maxInputBytes: 100 });
    expect(error).toBeInstanceOf(InputTooLargeError);
    expect(error).toMatchObject({ limit: 100, size: 211 });
  });
});

describe('inspectInput hostile values', () => {
  it.each(['__proto__', 'constructor', 'prototype'])('refuses a %s key at any depth, parsed or built', (key) => {
    const parsed = JSON.parse(`{"a": {"${key}": {"polluted": true}}}`) as unknown;
    expect(violations(parsed)).toEqual([
      { path: `a.${key}`, constraints: { forbiddenKey: `a.${key} "${key}" is not allowed as a key` } },
    ]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('refuses values JSON cannot carry', () => {
    const found = violations({ n: NaN, i: -Infinity, b: 10n, s: Symbol('s'), f: () => 1 });
    expect(found.map((v) => [v.path, Object.keys(v.constraints)[0]])).toEqual([
      ['n', 'isFinite'],
      ['i', 'isFinite'],
      ['b', 'isJson'],
      ['s', 'isJson'],
      ['f', 'isJson'],
    ]);
  });

  it('refuses a value that contains itself', () => {
    const cyclic: Record<string, unknown> = { a: 1 };
    cyclic.self = cyclic;
    expect(violations(cyclic)).toEqual([{ path: 'self', constraints: { notCircular: 'self must not contain itself' } }]);
  });

  it('refuses lone surrogates but not astral characters', () => {
    expect(() => inspectInput({ name: '𝕏 ok' }, LIMITS)).not.toThrow();
    expect(violations({ name: 'bad \ud800' })[0]).toMatchObject({
      path: 'name',
      constraints: { isWellFormed: expect.any(String) },
    });
    expect(violations(['\udc00'])[0].path).toBe('0');
  });

  it('caps the violations of one input at 20', () => {
    expect(violations(Array(40).fill(NaN))).toHaveLength(20);
  });
});
