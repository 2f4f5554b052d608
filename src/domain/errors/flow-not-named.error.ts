import { NestflowError } from './nestflow.error.js';

/** `createFlowRun` got neither `flowName` (with JSON parameters) nor `flow` (typed parameters). */
export class FlowNotNamedError extends NestflowError {
  readonly code = 'FLOW_NOT_NAMED';

  constructor() {
    super('Name the flow to start: `flowName` (with JSON `parameters`), or `flow` (its parameters typed).');
  }
}
