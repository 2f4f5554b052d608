import { IsString, Validate, ValidatorConstraint, type ValidatorConstraintInterface } from 'class-validator';
import { UserNameInput } from '../../src/demo/greet/user-name.input.js';
import { ShirtOrder } from '../../src/demo/shop/shirt-order.input.js';
import { inputJsonSchema, schemaWithDefaults, type JsonSchema } from '../../src/inputs/input-schema.js';
import { RunInput } from '../../src/index.js';
import { CustomerInput } from '../fixtures/customer.input.js';

@ValidatorConstraint({ name: 'anything' })
class Anything implements ValidatorConstraintInterface {
  validate(): boolean {
    return true;
  }
}

/** A custom constraint on a non-primitive field: class-validator-jsonschema points it at `Object`. */
class TaggedInput extends RunInput {
  @IsString()
  label!: string;

  @Validate(Anything)
  tags!: string[] | Record<string, string>;
}

/** Every `$ref` in a schema, so a test can check each one resolves. */
function refsOf(node: unknown): string[] {
  if (Array.isArray(node)) return node.flatMap(refsOf);
  if (!node || typeof node !== 'object') return [];
  return Object.entries(node).flatMap(([key, value]) => (key === '$ref' ? [value as string] : refsOf(value)));
}

function expectRefsResolve(schema: JsonSchema): void {
  const definitions = (schema.definitions ?? {}) as Record<string, unknown>;
  for (const ref of refsOf(schema)) expect(Object.keys(definitions)).toContain(ref.replace('#/definitions/', ''));
}

describe('input JSON schema', () => {
  it('describes ShirtOrder with enums for size and color, both required', () => {
    const schema = ShirtOrder.jsonSchema();
    expect(schema).toMatchObject({
      title: 'ShirtOrder',
      type: 'object',
      additionalProperties: false,
      properties: {
        size: { type: 'string', enum: ['small', 'medium', 'large', 'xlarge'] },
        color: { type: 'string', enum: ['red', 'green', 'black'] },
      },
    });
    expect([...(schema.required as string[])].sort()).toEqual(['color', 'size']);
    expectRefsResolve(schema);
    expect(schema).toMatchSnapshot();
  });

  it('puts nested classes under definitions and references them', () => {
    const schema = CustomerInput.jsonSchema();
    expect(schema).toMatchObject({
      title: 'CustomerInput',
      properties: { address: { $ref: '#/definitions/PostalAddress' }, age: { type: 'integer', minimum: 0 } },
      definitions: {
        PostalAddress: {
          type: 'object',
          additionalProperties: false,
          properties: { zip: { type: 'string', pattern: '^\\d{5}$' }, street: { type: 'string' } },
          required: ['street', 'zip'],
        },
      },
    });
    expect([...(schema.required as string[])].sort()).toEqual(['address', 'age', 'name']);
    expectRefsResolve(schema);
    expect(schema).toMatchSnapshot();
  });

  it('leaves no dangling $ref for a custom constraint on a non-primitive field', () => {
    const schema = inputJsonSchema(TaggedInput);
    expect(schema.properties).toHaveProperty('tags');
    expectRefsResolve(schema);
  });

  it('is memoised per class and independent of other classes', () => {
    expect(ShirtOrder.jsonSchema()).toBe(ShirtOrder.jsonSchema());
    expect(UserNameInput.jsonSchema()).not.toHaveProperty('definitions');
  });
});

describe('schemaWithDefaults', () => {
  it('sets defaults and makes defaulted fields optional', () => {
    const schema = schemaWithDefaults(UserNameInput.jsonSchema(), { name: 'anonymous' });
    expect(schema.properties).toEqual({ name: { type: 'string', minLength: 1, maxLength: 100, default: 'anonymous' } });
    expect(schema).not.toHaveProperty('required');
  });

  it('keeps the fields without a default required', () => {
    const schema = schemaWithDefaults(ShirtOrder.jsonSchema(), { size: 'medium' });
    expect(schema.required).toEqual(['color']);
    expect((schema.properties as Record<string, JsonSchema>).size.default).toBe('medium');
    expect((schema.properties as Record<string, JsonSchema>).color).not.toHaveProperty('default');
  });

  it('does not modify the memoised class schema', () => {
    schemaWithDefaults(ShirtOrder.jsonSchema(), { size: 'large', color: 'red' });
    expect(ShirtOrder.jsonSchema().required).toEqual(['size', 'color']);
    expect((ShirtOrder.jsonSchema().properties as Record<string, JsonSchema>).size).not.toHaveProperty('default');
  });

  it('returns the schema unchanged without initial data', () => {
    const schema = ShirtOrder.jsonSchema();
    expect(schemaWithDefaults(schema, {})).toBe(schema);
  });
});
