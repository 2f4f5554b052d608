import { plainToInstance } from 'class-transformer';
import { inputJsonSchema, type JsonSchema } from './input-schema.js';

/** The plain data a client may send for input class `T` (its own fields, no methods). */
export type InputData<T> = { [K in keyof T as T[K] extends (...args: never[]) => unknown ? never : K]?: T[K] };

/** A constructor of a `RunInput` subclass. */
export type InputClass<T extends RunInput = RunInput> = (new () => T) & Pick<typeof RunInput, 'jsonSchema'>;

/** `pauseFlowRun({ waitForInput })` with defaults shown to clients and used for absent fields. */
export class InitialDataRequest<T extends RunInput> {
  constructor(
    readonly inputClass: InputClass<T>,
    readonly initialData: InputData<T>,
  ) {}
}

/**
 * Base class of the inputs a paused flow waits for. Declare fields with class-validator (and
 * class-transformer `@Type` for nested classes); custom and cross-field rules are ordinary
 * class-validator constraints.
 */
export abstract class RunInput {
  /** Ask for this input with `data` as defaults (shown to clients, applied to absent fields). */
  static withInitialData<T extends RunInput>(this: InputClass<T>, data: InputData<T>): InitialDataRequest<T> {
    return new InitialDataRequest(this, data);
  }

  /** An instance with these fields (not validated here: sending or resuming validates it). */
  static from<T extends RunInput>(this: InputClass<T>, data: InputData<T>): T {
    return plainToInstance(this, data);
  }

  /** The JSON schema clients use to render and check a form for this input. */
  static jsonSchema(this: new () => RunInput): JsonSchema {
    return inputJsonSchema(this);
  }
}
