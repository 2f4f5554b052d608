import { ForbiddenError } from './forbidden.error.js';

/**
 * The principal may resume the run but is not among the approvers the pause lists
 * (`approvals.from`): a FORBIDDEN refusal whose message says so, without listing who may.
 */
export class NotAnApproverError extends ForbiddenError {
  constructor(
    runId: string,
    readonly key: string,
    readonly principal: string,
  ) {
    super('resume', { runId });
    this.message =
      `"${principal}" may not approve "${key}" of flow run "${runId}": the pause takes approvals only from the ` +
      `principals and roles its approvals.from lists. Ask one of them to answer, or for one of those roles.`;
  }
}
