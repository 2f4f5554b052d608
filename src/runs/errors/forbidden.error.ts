import type { NestflowAction } from '../../security/principal.js';
import { NestflowError } from './nestflow.error.js';

/** The caller is authenticated but not allowed this action (`@Flow({ resumableBy })` or `security.authorize`). */
export class ForbiddenError extends NestflowError {
  readonly code = 'FORBIDDEN';

  constructor(
    readonly action: NestflowAction,
    readonly flowName: string,
    readonly runId?: string,
  ) {
    super(
      `Not allowed to ${action} ${runId ? `flow run "${runId}" of ` : 'runs of '}flow "${flowName}". ` +
        `Ask for a role the flow's resumableBy lists, or for access under the app's authorize policy.`,
    );
  }
}
