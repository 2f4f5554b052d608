import { plainToInstance } from 'class-transformer';
import { validate, type ValidationError } from 'class-validator';
import { InputValidationError, type InputViolation } from '../domain/errors/input-validation.error.js';
import type { JsonSchema } from './input-schema.js';
import { shapeViolations } from './input-shape.js';
import type { InputClass, RunInput } from './run-input.js';

const VALIDATOR_OPTIONS = {
  whitelist: true,
  forbidNonWhitelisted: true,
  forbidUnknownValues: true,
  validationError: { target: false, value: false },
} as const;

/**
 * Turns client JSON into a validated instance, or throws `InputValidationError` with one
 * violation per failed field. Absent fields take the request's initial data first.
 */
export async function validateInput<T extends RunInput>(
  inputClass: InputClass<T>,
  raw: unknown,
  initialData: Record<string, unknown> | null,
): Promise<T> {
  const checked = await checkFields(inputClass, inputClass.jsonSchema(), raw, initialData, 'input');
  if ('violations' in checked) throw new InputValidationError(checked.violations, inputClass.name);
  return checked.instance;
}

/**
 * The rules of `validateInput` for any class-validator class: a JSON object, the shape its schema
 * promises, then class-validator with unknown fields refused. Either the instance or the violations.
 */
export async function checkFields<T extends object>(
  validated: new () => T,
  schema: JsonSchema,
  raw: unknown,
  initialData: Record<string, unknown> | null,
  what: string,
): Promise<{ instance: T } | { violations: InputViolation[] }> {
  if (raw === undefined || raw === null) raw = {};
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    const got = Array.isArray(raw) ? 'an array' : typeof raw;
    return { violations: [{ path: '', constraints: { isObject: `${what} must be a JSON object, got ${got}` } }] };
  }
  // A null-prototype copy of own keys only: a "__proto__" key stays a plain key, never a prototype.
  const merged: Record<string, unknown> = Object.assign(Object.create(null) as object, initialData);
  for (const [key, value] of Object.entries(raw)) if (value !== undefined) merged[key] = value;
  const shape = shapeViolations(schema, merged);
  if (shape.length) return { violations: shape };
  const instance = plainToInstance(validated, merged);
  const errors = await validate(instance, VALIDATOR_OPTIONS);
  return errors.length ? { violations: toViolations(errors) } : { instance };
}

/** Rebuilds a stored (already validated) input into its class without validating again. */
export function rebuildInput<T extends RunInput>(inputClass: InputClass<T>, stored: unknown): T {
  return plainToInstance(inputClass, stored ?? {});
}

export function toViolations(errors: ValidationError[], prefix = ''): InputViolation[] {
  return errors.flatMap((error) => {
    const path = prefix ? `${prefix}.${error.property}` : error.property;
    const own: InputViolation[] = error.constraints ? [{ path, constraints: error.constraints }] : [];
    return [...own, ...toViolations(error.children ?? [], path)];
  });
}
