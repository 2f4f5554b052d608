import type { InputViolation } from './input-validation.error.js';
import { NestflowError } from './nestflow.error.js';

/**
 * A run's parameters do not satisfy its flow's `@Flow({ parameters })` class: no run was
 * created, nothing was stored. `violations` has the same shape as a refused resume's.
 */
export class ParametersValidationError extends NestflowError {
  readonly code = 'PARAMETERS_VALIDATION_FAILED';

  constructor(
    readonly violations: InputViolation[],
    readonly flowName: string,
    readonly parametersType: string,
  ) {
    super(
      `Invalid parameters for flow "${flowName}" (${parametersType}); no run was created: ` +
        violations.map((v) => `${v.path || '(parameters)'}: ${Object.values(v.constraints).join('; ')}`).join(' | '),
    );
  }
}
