import { InputValidationError } from '../domain/errors/input-validation.error.js';
import type { JsonSchema } from './input-schema.js';
import type { InputClass } from './run-input.js';

/** The field a client sets to say which of several input classes it answers with. */
export const INPUT_TYPE_FIELD = 'inputType';

/** One schema for "any of these classes": `oneOf`, each branch requiring its `inputType` constant. */
export function choiceSchema(classes: InputClass[]): JsonSchema {
  return {
    oneOf: classes.map((inputClass) => {
      const schema = inputClass.jsonSchema();
      const properties = { [INPUT_TYPE_FIELD]: { type: 'string', const: inputClass.name }, ...(schema.properties as object) };
      const required = [INPUT_TYPE_FIELD, ...((schema.required as string[] | undefined) ?? [])];
      return { ...schema, properties, required };
    }),
    discriminator: { propertyName: INPUT_TYPE_FIELD },
  };
}

/**
 * Splits a client's answer to a choice into the chosen class name and the input proper.
 * A missing or unknown `inputType` is a violation on that field.
 */
export function pickInputType(input: unknown, names: string[]): { name: string; rest: unknown } {
  const given =
    input && typeof input === 'object' && !Array.isArray(input)
      ? (input as Record<string, unknown>)[INPUT_TYPE_FIELD]
      : undefined;
  if (typeof given !== 'string' || !names.includes(given)) {
    throw new InputValidationError(
      [{ path: INPUT_TYPE_FIELD, constraints: { isIn: `${INPUT_TYPE_FIELD} must be one of: ${names.join(', ')}` } }],
      names.join(' | '),
    );
  }
  const { [INPUT_TYPE_FIELD]: _, ...rest } = input as Record<string, unknown>;
  return { name: given, rest };
}

/** A caller naming the class it answers with: it must be one of `names` (none: the wait takes no input). */
export function expectInputType(given: string, names: string[]): void {
  if (names.includes(given)) return;
  const expected = names.length ? `one of: ${names.join(', ')}` : 'absent: this wait takes no input';
  throw new InputValidationError(
    [
      {
        path: INPUT_TYPE_FIELD,
        constraints: { isIn: `${INPUT_TYPE_FIELD} ${given} is not expected here; it must be ${expected}` },
      },
    ],
    names.join(' | ') || null,
  );
}
