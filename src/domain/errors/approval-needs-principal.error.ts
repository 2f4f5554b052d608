import { NestflowError } from './nestflow.error.js';

/** An approvals pause counts answers per principal: an anonymous answer cannot count. */
export class ApprovalNeedsPrincipalError extends NestflowError {
  readonly code = 'APPROVAL_NEEDS_PRINCIPAL';

  constructor(
    readonly runId: string,
    readonly key: string,
  ) {
    super(
      `"${key}" of flow run "${runId}" collects approvals from named principals: answer as an authenticated ` +
        `principal (an API key, security.authenticate), or server-side with resumeFlowRun(..., { resumedBy }).`,
    );
  }
}
