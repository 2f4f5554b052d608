import { Type } from 'class-transformer';
import {
  IsIn,
  IsString,
  Validate,
  ValidateNested,
  ValidatorConstraint,
  type ValidatorConstraintInterface,
} from 'class-validator';
import { Approve, Reject } from '../../src/demo/approval/decision.inputs.js';
import { UserNameInput } from '../../src/demo/greet/user-name.input.js';
import { ShirtOrder } from '../../src/demo/shop/shirt-order.input.js';
import { inputJsonSchema, schemaWithDefaults, type JsonSchema } from '../../src/inputs/input-schema.js';
import { choiceSchema } from '../../src/inputs/input-choice.js';
import { requestTitle } from '../../src/inputs/input-title.js';
import { readableClassName, readableName } from '../../src/inputs/readable-name.js';
import { Describe, RunInput } from '../../src/index.js';
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
      title: 'Shirt order',
      description: 'The size and colour of the shirt to reserve.',
      type: 'object',
      additionalProperties: false,
      properties: {
        size: { title: 'Size', type: 'string', enum: ['small', 'medium', 'large', 'xlarge'] },
        color: { title: 'Colour', description: 'Green only from medium up.', type: 'string', enum: ['red', 'green', 'black'] },
      },
    });
    expect([...(schema.required as string[])].sort()).toEqual(['color', 'size']);
    expectRefsResolve(schema);
    expect(schema).toMatchSnapshot();
  });

  it('puts nested classes under definitions and references them', () => {
    const schema = CustomerInput.jsonSchema();
    expect(schema).toMatchObject({
      title: 'Customer',
      properties: {
        address: { title: 'Address', $ref: '#/definitions/PostalAddress' },
        age: { title: 'Age', type: 'integer', minimum: 0 },
      },
      definitions: {
        PostalAddress: {
          title: 'Postal address',
          type: 'object',
          additionalProperties: false,
          properties: {
            zip: { title: 'Zip', type: 'string', pattern: '^\\d{5}$' },
            street: { title: 'Street', type: 'string' },
          },
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
    expect(schema.properties).toEqual({
      name: { title: 'Your name', type: 'string', minLength: 1, maxLength: 100, default: 'anonymous' },
    });
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

@Describe({ title: 'Delivery window', description: 'When the parcel may come.' })
class DeliveryWindow {
  @Describe({ title: 'From (hour)' })
  @IsIn([8, 12, 16])
  fromHour!: number;

  @IsIn(['weekday', 'weekend'])
  dayKind!: string;
}

class ParcelDeliveryInput extends RunInput {
  @Describe({ description: 'As printed on the label.' })
  @IsString()
  trackingId!: string;

  @ValidateNested()
  @Type(() => DeliveryWindow)
  window!: DeliveryWindow;
}

describe('titles', () => {
  it('makes class and property names readable', () => {
    expect(readableClassName('ShirtOrder')).toBe('Shirt order');
    expect(readableClassName('UserNameInput')).toBe('User name');
    expect(readableClassName('Input')).toBe('Input');
    expect(readableName('colorName')).toBe('Color name');
    expect(readableName('sku')).toBe('Sku');
    expect(readableName('HTTPProxy_port')).toBe('HTTP proxy port');
  });

  it('titles the root, every property and nested definitions: @Describe where given, readable names elsewhere', () => {
    const schema = inputJsonSchema(ParcelDeliveryInput);
    expect(schema).toMatchObject({
      title: 'Parcel delivery',
      properties: {
        trackingId: { title: 'Tracking id', description: 'As printed on the label.', type: 'string' },
        window: { title: 'Window', $ref: '#/definitions/DeliveryWindow' },
      },
      definitions: {
        DeliveryWindow: {
          title: 'Delivery window',
          description: 'When the parcel may come.',
          properties: { fromHour: { title: 'From (hour)' }, dayKind: { title: 'Day kind' } },
        },
      },
    });
    expect(schema).not.toHaveProperty('description');
    expectRefsResolve(schema);
  });

  it('keeps each choice branch titled by its class, the inputType discriminator untitled', () => {
    const schema = choiceSchema([Approve, Reject]);
    const branches = schema.oneOf as JsonSchema[];
    expect(branches.map((branch) => branch.title)).toEqual(['Approve', 'Reject']);
    expect((branches[0].properties as Record<string, JsonSchema>).inputType).toEqual({ type: 'string', const: 'Approve' });
    expect((branches[0].properties as Record<string, JsonSchema>).approver).toMatchObject({ title: 'Approved by' });
  });

  it('titles a request: its own, the class title, the branches joined, Go-ahead; old class-name titles made readable', () => {
    const shirt = ShirtOrder.jsonSchema();
    expect(requestTitle({ title: 'Decision', schema: choiceSchema([Approve, Reject]) })).toBe('Decision');
    expect(requestTitle({ schema: shirt, inputType: 'ShirtOrder' })).toBe('Shirt order');
    expect(requestTitle({ schema: choiceSchema([Approve, Reject]), inputType: 'Approve | Reject' })).toBe('Approve or Reject');
    expect(requestTitle({ schema: null, inputType: null })).toBe('Go-ahead');
    // Stored before titles: the schema's title was the bare class name.
    expect(requestTitle({ schema: { title: 'UserNameInput', type: 'object' }, inputType: 'UserNameInput' })).toBe('User name');
  });
});
