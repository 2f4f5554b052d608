import { Inject, Injectable, Logger } from '@nestjs/common';
import { FlowRegistry } from '../flows/flow.registry.js';
import { NESTFLOW_OPTIONS } from '../config/nestflow.constants.js';
import type { ResolvedNestflowOptions } from '../config/nestflow.options.js';
import { ForbiddenError } from '../domain/errors/forbidden.error.js';
import type { FlowRun } from '../domain/flow-run.js';
import { escalatedTo } from '../domain/pause-timers.js';
import type { AuthorizationTarget, NestflowAction, Principal } from './principal.js';

/** Actions that answer, end or move a run: the ones `@Flow({ resumableBy })` restricts. */
const RESUMING_ACTIONS: ReadonlySet<NestflowAction> = new Set(['resume', 'cancel', 'send', 'replay', 'retry']);

/**
 * Who may do what to a run: `@Flow({ resumableBy })` roles first (or, to answer a pause that
 * escalated, the principals of its `escalate.to`), then `security.authorize`; both must allow. The GraphQL resolvers ask before acting; host controllers may too.
 */
@Injectable()
export class RunAccessPolicy {
  private readonly logger = new Logger('nestflow security');

  constructor(
    @Inject(NESTFLOW_OPTIONS) private readonly options: ResolvedNestflowOptions,
    private readonly flows: FlowRegistry,
  ) {}

  private anyResumableBy?: boolean;

  /** False when `action` is allowed to everyone (no `authorize`, and no `resumableBy` that applies): no need to load the run. */
  restricts(action: NestflowAction): boolean {
    if (this.options.security.authorize) return true;
    if (!RESUMING_ACTIONS.has(action)) return false;
    // Flows are registered once at bootstrap, before any request.
    this.anyResumableBy ??= this.flows.list().some((flow) => flow.resumableBy);
    return this.anyResumableBy;
  }

  /** True if `principal` may do `action` on `run` (or, for `create`, on runs of `flowName`). */
  async allows(principal: Principal | null, action: NestflowAction, run: FlowRun | string): Promise<boolean> {
    const target = this.target(run);
    if (RESUMING_ACTIONS.has(action) && target.resumableBy) {
      const roles = principal?.roles ?? [];
      // A pause that escalated (`escalate.to`) may be answered by those it escalated to as well.
      const escalated = action === 'resume' && !!target.run && escalatedTo(target.run, principal?.id ?? null, roles);
      if (!escalated && !target.resumableBy.some((role) => roles.includes(role))) return false;
    }
    const authorize = this.options.security.authorize;
    if (!authorize) return true;
    try {
      return (await authorize(principal, action, target)) === true;
    } catch (error) {
      this.logger.warn(`security.authorize failed, ${action} refused: ${(error as Error)?.message ?? error}`);
      return false;
    }
  }

  /** Throws ForbiddenError unless `allows`. */
  async check(principal: Principal | null, action: NestflowAction, run: FlowRun | string): Promise<void> {
    if (await this.allows(principal, action, run)) return;
    throw new ForbiddenError(action, typeof run === 'string' ? { flowName: run } : { runId: run.id });
  }

  private target(run: FlowRun | string): AuthorizationTarget {
    const flowName = typeof run === 'string' ? run : run.flowName;
    const resumableBy = this.flows.has(flowName) ? this.flows.get(flowName).resumableBy : null;
    return { flowName, run: typeof run === 'string' ? null : run, resumableBy };
  }
}
