import { ShirtOrder } from '../../src/demo/shop/shirt-order.input.js';
import { rebuildInput, validateInput } from '../../src/inputs/input-validator.js';
import { InputValidationError, type InputViolation } from '../../src/domain/errors/input-validation.error.js';
import { CustomerInput, PostalAddress } from '../fixtures/customer.input.js';

/** The violations `validateInput` rejects `raw` with (fails the test if it accepts it). */
async function violationsOf(raw: unknown, initialData: Record<string, unknown> | null = null): Promise<InputViolation[]> {
  const error = await validateInput(ShirtOrder, raw, initialData).then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(InputValidationError);
  expect(error).toMatchObject({ code: 'INPUT_VALIDATION_FAILED', inputType: 'ShirtOrder' });
  return (error as InputValidationError).violations;
}

const paths = (violations: InputViolation[]) => violations.map((v) => v.path).sort();

describe('validateInput (ShirtOrder)', () => {
  it('accepts a valid order and returns an instance of the class', async () => {
    const order = await validateInput(ShirtOrder, { size: 'medium', color: 'green' }, null);
    expect(order).toBeInstanceOf(ShirtOrder);
    expect(order).toEqual(Object.assign(new ShirtOrder(), { size: 'medium', color: 'green' }));
  });

  it('rejects small + green with the cross-field rule on color', async () => {
    const violations = await violationsOf({ size: 'small', color: 'green' });
    expect(violations).toEqual([
      { path: 'color', constraints: { greenNeedsMediumOrLarger: 'Green is only in-stock for medium, large, and XL sizes.' } },
    ]);
  });

  it('rejects values outside the enums', async () => {
    const violations = await violationsOf({ size: 'huge', color: 'purple' });
    expect(paths(violations)).toEqual(['color', 'size']);
    expect(violations.every((v) => 'isIn' in v.constraints)).toBe(true);
  });

  it('rejects an unknown field (whitelist)', async () => {
    const violations = await violationsOf({ size: 'large', color: 'red', coupon: 'FREE' });
    expect(violations).toEqual([{ path: 'coupon', constraints: { whitelistValidation: expect.any(String) } }]);
  });

  it('rejects missing required fields', async () => {
    expect(paths(await violationsOf({ size: 'large' }))).toEqual(['color']);
    expect(paths(await violationsOf({}))).toEqual(['color', 'size']);
    expect(paths(await violationsOf(undefined))).toEqual(['color', 'size']);
  });

  it('rejects wrong types', async () => {
    expect(paths(await violationsOf({ size: 3, color: ['red'] }))).toEqual(['color', 'size']);
  });

  it.each([
    ['a string', 'medium'],
    ['a number', 42],
    ['an array', [{ size: 'medium', color: 'red' }]],
  ])('rejects %s as the whole input with path ""', async (_, raw) => {
    const violations = await violationsOf(raw);
    expect(violations).toEqual([{ path: '', constraints: { isObject: expect.stringContaining('JSON object') } }]);
  });

  it('fills absent fields from the initial data, and lets given fields override it', async () => {
    const order = await validateInput(ShirtOrder, { color: 'black' }, { size: 'xlarge' });
    expect(order).toMatchObject({ size: 'xlarge', color: 'black' });
    const override = await validateInput(ShirtOrder, { size: 'small', color: 'red' }, { size: 'xlarge' });
    expect(override.size).toBe('small');
  });

  it('validates the merged input: initial data can make a cross-field rule fail', async () => {
    expect(paths(await violationsOf({ color: 'green' }, { size: 'small' }))).toEqual(['color']);
  });

  it('mentions each failed path in the error message', async () => {
    const error = await validateInput(ShirtOrder, { size: 'small', color: 'green' }, null).catch((e: Error) => e);
    expect((error as Error).message).toContain('color: Green is only in-stock');
  });
});

describe('validateInput (nested CustomerInput)', () => {
  const valid = { name: 'Ada', age: 36, address: { street: '1 Loop St', zip: '12345' } };

  it('accepts a valid nested input and builds the nested class', async () => {
    const customer = await validateInput(CustomerInput, valid, null);
    expect(customer.address).toBeInstanceOf(PostalAddress);
    expect(customer.address.zip).toBe('12345');
  });

  it('reports a nested violation with a dotted path', async () => {
    const error = await validateInput(CustomerInput, { ...valid, address: { street: '1 Loop St', zip: 'abc' } }, null).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(InputValidationError);
    expect((error as InputValidationError).violations).toEqual([
      { path: 'address.zip', constraints: { matches: 'zip must be five digits' } },
    ]);
  });

  it('rejects unknown fields inside the nested object', async () => {
    const error = await validateInput(CustomerInput, { ...valid, address: { ...valid.address, floor: 3 } }, null).catch(
      (e: unknown) => e,
    );
    expect((error as InputValidationError).violations.map((v) => v.path)).toEqual(['address.floor']);
  });

  it('rejects a non-integer age and a missing address', async () => {
    const error = await validateInput(CustomerInput, { name: 'Ada', age: 1.5 }, null).catch((e: unknown) => e);
    expect(paths((error as InputValidationError).violations)).toEqual(['address', 'age']);
  });
});

describe('rebuildInput', () => {
  it('turns stored JSON back into the class, nested classes included', () => {
    const customer = rebuildInput(CustomerInput, { name: 'Ada', age: 36, address: { street: 's', zip: '12345' } });
    expect(customer).toBeInstanceOf(CustomerInput);
    expect(customer.address).toBeInstanceOf(PostalAddress);
  });
});
