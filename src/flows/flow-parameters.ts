import { instanceToPlain, plainToInstance } from 'class-transformer';
import { getMetadataStorage } from 'class-validator';
import { ParametersValidationError } from '../domain/errors/parameters-validation.error.js';
import { inputJsonSchema, type JsonSchema } from '../inputs/input-schema.js';
import { checkFields } from '../inputs/input-validator.js';

/**
 * A `@Flow({ parameters })` class: any class whose fields carry class-validator decorators (a
 * `RunInput` subclass works too, it need not be one). Its constructor takes no arguments.
 */
export type ParametersClass<T extends object = object> = new () => T;

/** What validating and rebuilding parameters needs of a flow. */
interface ParameterisedFlow {
  name: string;
  parameters: ParametersClass | null;
}

/** The JSON schema clients render a Start form from; null for a flow without a parameters class. */
export function parametersSchema(flow: ParameterisedFlow): JsonSchema | null {
  return flow.parameters ? inputJsonSchema(flow.parameters) : null;
}

/**
 * The parameters to store for a new run of `flow`: without a class, `raw` as given; with one,
 * the validated fields as plain JSON, or ParametersValidationError with one violation per field
 * (the rules of a resume: unknown fields refused, nested classes checked, cross-field rules).
 */
export async function validateParameters(flow: ParameterisedFlow, raw: unknown): Promise<unknown> {
  if (!flow.parameters) return raw ?? null;
  const checked = await checkFields(flow.parameters, inputJsonSchema(flow.parameters), raw, null, 'parameters');
  if ('violations' in checked) throw new ParametersValidationError(checked.violations, flow.name, flow.parameters.name);
  return instanceToPlain(checked.instance);
}

/**
 * What the flow method receives, on its first execution and on every replay: an instance of the
 * parameters class rebuilt from the stored JSON (not validated again), or the stored JSON as is.
 */
export function rebuildParameters(flow: ParameterisedFlow, stored: unknown): unknown {
  return flow.parameters ? plainToInstance(flow.parameters, stored ?? {}) : stored;
}

/**
 * Checks `@Flow({ parameters })` at bootstrap: a class with class-validator rules, and not at
 * odds with the type the method declares for its first argument (when TypeScript emitted it).
 */
export function checkParametersClass(parameters: unknown, declared: unknown, source: string): ParametersClass | null {
  if (parameters === undefined || parameters === null) return null;
  if (typeof parameters !== 'function') {
    throw new Error(`@Flow({ parameters }) of ${source} must be a class, got ${typeof parameters}`);
  }
  const rules = getMetadataStorage().getTargetValidationMetadatas(parameters, '', true, false);
  if (!rules.length) {
    throw new Error(
      `@Flow({ parameters: ${parameters.name} }) of ${source}: the class has no class-validator rules, ` +
        'so every field would be refused; decorate its fields (@IsString(), @IsOptional(), …)',
    );
  }
  const fits =
    typeof declared !== 'function' || declared === Object || declared === parameters || parameters.prototype instanceof declared;
  if (!fits) {
    throw new Error(
      `@Flow({ parameters: ${parameters.name} }) of ${source}: the method's first argument is declared as ` +
        `${declared.name}; declare it as ${parameters.name}, which is what the flow receives`,
    );
  }
  return parameters as ParametersClass;
}
