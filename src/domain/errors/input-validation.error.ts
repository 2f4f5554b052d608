import { NestflowError } from './nestflow.error.js';

/** One failed field: `path` is dotted (`address.zip`, `items.0.sku`), '' for the whole input. */
export interface InputViolation {
  path: string;
  constraints: Record<string, string>;
}

/** The input does not satisfy the run's input class; nothing was written, the run still waits. */
export class InputValidationError extends NestflowError {
  readonly code = 'INPUT_VALIDATION_FAILED';

  constructor(
    readonly violations: InputViolation[],
    readonly inputType: string | null,
    readonly runId?: string,
  ) {
    super(
      `Invalid input${inputType ? ` for ${inputType}` : ''}: ` +
        violations.map((v) => `${v.path || '(input)'}: ${Object.values(v.constraints).join('; ')}`).join(' | '),
    );
  }
}
