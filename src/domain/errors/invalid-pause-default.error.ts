import type { InputViolation } from './input-validation.error.js';
import { NestflowError } from './nestflow.error.js';

/**
 * `pauseFlowRun` / `suspendFlowRun({ timeout: { then: 'resume', with } })` was given a default
 * answer (or initial data used as one) that its input class refuses. Thrown in the flow at the
 * pause, before anything is stored: the flow fails there unless it catches it.
 */
export class InvalidPauseDefaultError extends NestflowError {
  readonly code = 'INVALID_PAUSE_DEFAULT';
  readonly option = 'timeout.with';

  constructor(
    readonly runId: string,
    readonly key: string,
    readonly inputType: string | null,
    readonly violations: InputViolation[],
  ) {
    super(
      `The default answer of pause "${key}" (timeout.with) is not a valid ${inputType ?? 'answer'}: ` +
        violations.map((v) => `${v.path || '(input)'}: ${Object.values(v.constraints).join('; ')}`).join(' | ') +
        `. Fix the default in pauseFlowRun({ timeout: { after, then: 'resume', with } }) (or the initial data it falls back to).`,
    );
  }
}
