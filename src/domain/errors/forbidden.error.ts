import type { NestflowAction } from '../nestflow-action.js';
import { NestflowError } from './nestflow.error.js';

/** What was refused: a run (by id), or for `create`, the flow the caller asked to start. */
export type ForbiddenTarget = { runId: string } | { flowName: string };

/**
 * The caller is authenticated but not allowed this action (`@Flow({ resumableBy })` or
 * `security.authorize`). A refusal on a run names the run and the action, never the run's flow:
 * a caller who may not read the run must not learn what it is.
 */
export class ForbiddenError extends NestflowError {
  readonly code = 'FORBIDDEN';
  /** The run refused; absent for `create`. */
  readonly runId?: string;
  /** For `create` only: the flow the caller named. */
  readonly flowName?: string;

  constructor(
    readonly action: NestflowAction,
    target: ForbiddenTarget,
  ) {
    const refused = 'runId' in target ? `flow run "${target.runId}"` : `runs of flow "${target.flowName}"`;
    super(
      `Not allowed to ${action} ${refused}. ` +
        `Ask for a role the flow's resumableBy lists, or for access under the app's authorize policy.`,
    );
    if ('runId' in target) this.runId = target.runId;
    else this.flowName = target.flowName;
  }
}
