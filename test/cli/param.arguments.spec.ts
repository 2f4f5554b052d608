import { CliError } from '../../src/cli/cli.error.js';
import { paramsFromPairs } from '../../src/cli/param.arguments.js';

const SCHEMA = {
  type: 'object',
  properties: {
    customer: { type: 'string' },
    quantity: { type: 'integer' },
    price: { type: 'number' },
    express: { type: 'boolean' },
    tags: { type: 'array', items: { type: 'string' } },
    size: { enum: ['small', 'large'] },
    level: { enum: [1, 2, 3] },
    address: { $ref: '#/definitions/Address' },
  },
  definitions: { Address: { type: 'object', properties: { zip: { type: 'string' }, floor: { type: 'integer' } } } },
};

describe('paramsFromPairs', () => {
  it('types each value by its field in the schema', () => {
    const pairs = ['customer=007', 'quantity=3', 'price=9.5', 'express=true', 'tags=["a","b"]', 'size=small', 'level=2'];
    expect(paramsFromPairs(pairs, SCHEMA, undefined)).toEqual({
      customer: '007',
      quantity: 3,
      price: 9.5,
      express: true,
      tags: ['a', 'b'],
      size: 'small',
      level: 2,
    });
  });

  it('follows dotted names into nested classes ($ref), on top of --params', () => {
    const base = { customer: 'Bob', address: { zip: '1' } };
    expect(paramsFromPairs(['address.floor=4', 'address.zip=02134', 'customer=Ada=B'], SCHEMA, base)).toEqual({
      customer: 'Ada=B',
      address: { zip: '02134', floor: 4 },
    });
    expect(base).toEqual({ customer: 'Bob', address: { zip: '1' } });
  });

  it("sends what does not parse as its type, or a field the schema lacks, as text: the server's validation names it", () => {
    expect(paramsFromPairs(['quantity=many', 'express=yes', 'coupon=5'], SCHEMA, null)).toEqual({
      quantity: 'many',
      express: 'yes',
      coupon: '5',
    });
    expect(paramsFromPairs(['quantity=3'], null, null)).toEqual({ quantity: '3' });
  });

  it.each([['quantity'], ['=3'], ['a..b=1'], ['__proto__.polluted=1'], ['constructor=1']])('refuses %s (exit 2)', (pair) => {
    expect(() => paramsFromPairs([pair], SCHEMA, null)).toThrow(CliError);
  });

  it('adds to --params JSON carrying __proto__ without touching any prototype', () => {
    const base = JSON.parse('{ "__proto__": { "polluted": true }, "customer": "Ada" }') as unknown;
    const params = paramsFromPairs(['nested.polluted=1', 'quantity=3'], SCHEMA, base);
    // No prototype got the field: neither this realm's nor Node's own (where structuredClone makes objects).
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect((structuredClone({}) as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf(Object.getPrototypeOf(params))).toBeNull(); // a plain object
    expect(params.customer).toBe('Ada');
    expect(params.quantity).toBe(3);
    expect(params.nested).toEqual({ polluted: '1' });
  });

  it('refuses --params that are not an object', () => {
    expect(() => paramsFromPairs(['quantity=3'], SCHEMA, [1])).toThrow(/--param adds fields to an object/);
  });
});
