import { plainToInstance } from 'class-transformer';
import { validate, type ValidationError } from 'class-validator';
import { InputValidationError, type InputViolation } from '../domain/errors/input-validation.error.js';
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
  if (raw === undefined || raw === null) raw = {};
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new InputValidationError(
      [
        {
          path: '',
          constraints: { isObject: `input must be a JSON object, got ${Array.isArray(raw) ? 'an array' : typeof raw}` },
        },
      ],
      inputClass.name,
    );
  }
  // A null-prototype copy of own keys only: a "__proto__" key stays a plain key, never a prototype.
  const merged: Record<string, unknown> = Object.assign(Object.create(null) as object, initialData);
  for (const [key, value] of Object.entries(raw)) if (value !== undefined) merged[key] = value;
  const shape = shapeViolations(inputClass.jsonSchema(), merged);
  if (shape.length) throw new InputValidationError(shape, inputClass.name);
  const instance = plainToInstance(inputClass, merged);
  const errors = await validate(instance, VALIDATOR_OPTIONS);
  if (errors.length) throw new InputValidationError(toViolations(errors), inputClass.name);
  return instance;
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
