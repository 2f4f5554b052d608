import fc from 'fast-check';
import { COLORS, SIZES } from '../../src/demo/shop/shirt-order.input.js';
import type { FuzzClassName } from '../fixtures/security/fuzz.flows.js';

/** Keys an attacker tries: prototype keys, look-alikes, empty, control characters, the choice field. */
const hostileKey = fc.constantFrom(
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'hasOwnProperty',
  '',
  ' ',
  'a.b',
  '\u0000',
  '\ud800',
  'inputType',
  'size ',
);

const hostileString = fc.oneof(
  fc.string(),
  fc.string({ unit: 'binary' }), // lone surrogates included
  fc.constantFrom(
    '',
    ' ',
    '\u0000',
    '\ud800',
    '\udfff',
    '𝕏',
    '<script>alert(1)</script>',
    "'; DROP TABLE flow_runs; --",
    '${7*7}',
    '%s%n',
    'x'.repeat(20_000),
  ),
);

const hostileNumber = fc.oneof(
  fc.double(),
  fc.constantFrom(
    Number.MAX_VALUE,
    -Number.MAX_VALUE,
    Number.MIN_VALUE,
    Number.MAX_SAFE_INTEGER + 2,
    -0,
    1e308,
    2 ** 53,
    -(2 ** 63),
  ),
);

/** Values JSON over HTTP cannot carry; in-process callers can pass them. */
const nonJson = fc.constantFrom<unknown>(NaN, Infinity, -Infinity, 1n, Symbol('s'), () => 1, new Map([[1, 2]]), new Date(0));

const scalar = fc.oneof(fc.boolean(), fc.integer(), hostileNumber, hostileString, fc.constant(null));

/** Nested `depth` levels of alternating arrays and objects, possibly far past the depth limit. */
const nested = fc.integer({ min: 1, max: 40 }).map((depth) => {
  let value: unknown = 'leaf';
  for (let i = 0; i < depth; i++) value = i % 2 ? [value] : { v: value };
  return value;
});

/** An object whose own keys may be prototype keys: built like JSON.parse builds it, not by assignment. */
const objectWith = <T>(entries: Array<[string, T]>) =>
  entries.reduce(
    (object, [key, value]) => Object.defineProperty(object, key, { value, enumerable: true, writable: true, configurable: true }),
    {},
  );

function hostileValue(json: boolean): fc.Arbitrary<unknown> {
  return fc.oneof(
    { weight: 4, arbitrary: scalar },
    { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
    { weight: 1, arbitrary: nested },
    { weight: 1, arbitrary: fc.array(scalar, { maxLength: 30 }) },
    { weight: 1, arbitrary: fc.array(fc.tuple(fc.oneof(hostileKey, fc.string()), scalar), { maxLength: 5 }).map(objectWith) },
    { weight: json ? 0 : 1, arbitrary: nonJson },
  );
}

/** Mostly the field's valid values, sometimes anything. */
const field = (valid: fc.Arbitrary<unknown>, json: boolean) =>
  fc.oneof({ weight: 3, arbitrary: valid }, { weight: 1, arbitrary: hostileValue(json) });

const VALID_FIELDS: Record<FuzzClassName, Record<string, fc.Arbitrary<unknown>>> = {
  ShirtOrder: { size: fc.constantFrom(...SIZES), color: fc.constantFrom(...COLORS) },
  UserNameInput: { name: fc.string({ maxLength: 110 }) },
  CustomerInput: {
    name: fc.string({ maxLength: 20 }),
    age: fc.integer({ min: -3, max: 150 }),
    address: fc.record(
      { street: fc.string({ maxLength: 20 }), zip: fc.oneof(fc.stringMatching(/^\d{5}$/), fc.string({ maxLength: 6 })) },
      { requiredKeys: [] },
    ),
    note: fc.option(fc.string({ maxLength: 20 }), { nil: undefined }),
  },
};

/**
 * Inputs for one class: mostly shaped like it (fields valid, missing or hostile, sometimes an
 * extra or prototype key), sometimes not an object at all. `json`: only what JSON can carry.
 */
export function fuzzInput(className: FuzzClassName, json: boolean): fc.Arbitrary<unknown> {
  const fields = Object.fromEntries(Object.entries(VALID_FIELDS[className]).map(([key, valid]) => [key, field(valid, json)]));
  const shaped = fc
    .tuple(
      fc.record(fields, { requiredKeys: Object.keys(fields).filter(() => className !== 'UserNameInput') }),
      fc.oneof(
        { weight: 4, arbitrary: fc.constant([]) },
        { weight: 1, arbitrary: fc.array(fc.tuple(fc.oneof(hostileKey, fc.string()), hostileValue(json)), { maxLength: 2 }) },
      ),
    )
    .map(([record, extras]) => objectWith([...Object.entries(record).filter(([, value]) => value !== undefined), ...extras]));
  return fc.oneof({ weight: 5, arbitrary: shaped }, { weight: 1, arbitrary: hostileValue(json) });
}
