import { NestflowError } from './nestflow.error.js';

/** A resume needs an input class that this process does not know. */
export class UnknownInputTypeError extends NestflowError {
  readonly code = 'UNKNOWN_INPUT_TYPE';

  constructor(readonly inputType: string) {
    super(
      `Input class "${inputType}" is not known to this process. List it in @Flow({ inputs: [${inputType}] }) ` +
        `so every node can validate resumes of it.`,
    );
  }
}
