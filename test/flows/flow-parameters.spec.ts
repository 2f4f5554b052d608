import { IsString } from 'class-validator';
import { checkParametersClass, rebuildParameters, validateParameters } from '../../src/flows/flow-parameters.js';
import { ParametersValidationError } from '../../src/index.js';

class Named {
  @IsString()
  name!: string;

  greet(): string {
    return `Hello ${this.name}`;
  }
}
class NamedMore extends Named {}
class Undecorated {
  name!: string;
}
class Other {}

describe('checkParametersClass (bootstrap)', () => {
  it('takes a class-validator class the method declares, a subclass of it, or one the method does not type', () => {
    expect(checkParametersClass(Named, Named, 'Flows.a')).toBe(Named);
    expect(checkParametersClass(NamedMore, Named, 'Flows.a')).toBe(NamedMore);
    expect(checkParametersClass(Named, Object, 'Flows.a')).toBe(Named);
    expect(checkParametersClass(Named, undefined, 'Flows.a')).toBe(Named);
    expect(checkParametersClass(undefined, Named, 'Flows.a')).toBeNull();
  });

  it.each([
    ['not a class', { name: 'x' }, undefined, /must be a class, got object/],
    ['a class without rules', Undecorated, undefined, /Undecorated.*has no class-validator rules/],
    ['another class than the method declares', Named, Other, /first argument is declared as Other; declare it as Named/],
  ])('refuses %s, naming the flow method', (_, parameters, declared, message) => {
    expect(() => checkParametersClass(parameters, declared, 'Flows.a')).toThrow(message);
    expect(() => checkParametersClass(parameters, declared, 'Flows.a')).toThrow(/Flows\.a/);
  });
});

describe('validateParameters and rebuildParameters', () => {
  const flow = { name: 'greet', parameters: Named };

  it('stores plain JSON and rebuilds an instance from it', async () => {
    const stored = await validateParameters(flow, { name: 'Ada' });
    expect(stored).toEqual({ name: 'Ada' });
    expect(Object.getPrototypeOf(stored)).toBe(Object.prototype);
    const rebuilt = rebuildParameters(flow, stored) as Named;
    expect(rebuilt).toBeInstanceOf(Named);
    expect(rebuilt.greet()).toBe('Hello Ada');
  });

  it('refuses with violations', async () => {
    await expect(validateParameters(flow, { name: 3 })).rejects.toEqual(expect.any(ParametersValidationError));
    await expect(validateParameters(flow, { name: 3 })).rejects.toMatchObject({
      code: 'PARAMETERS_VALIDATION_FAILED',
      flowName: 'greet',
      parametersType: 'Named',
      violations: [{ path: 'name', constraints: { isString: 'name must be a string' } }],
    });
  });

  it('passes anything through for a flow without a class', async () => {
    const plain = { name: 'plain', parameters: null };
    expect(await validateParameters(plain, [1])).toEqual([1]);
    expect(await validateParameters(plain, undefined)).toBeNull();
    expect(rebuildParameters(plain, [1])).toEqual([1]);
  });
});
