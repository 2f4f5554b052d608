import { UseFilters, UseGuards } from '@nestjs/common';
import { Args, Mutation, Resolver } from '@nestjs/graphql';
import { RetentionService, type PruneResult } from '../api/retention.service.js';
import { RunAccessPolicy } from '../security/run-access.policy.js';
import type { Principal } from '../security/principal.js';
import { CurrentPrincipal } from './current-principal.decorator.js';
import { FlowRunState } from './models/flow-run-state.enum.js';
import { PruneResultModel } from './models/prune-result.model.js';
import { NestflowAuthGuard } from './nestflow-auth.guard.js';
import { NestflowErrorFilter } from './nestflow-error.filter.js';

/** `security.authorize` is asked about a prune once, for every flow: it deletes runs of any of them. */
const EVERY_FLOW = '*';

/** Deleting finished runs on demand, for operators. */
@Resolver()
@UseFilters(NestflowErrorFilter)
@UseGuards(NestflowAuthGuard)
export class RetentionResolver {
  constructor(
    private readonly retention: RetentionService,
    private readonly access: RunAccessPolicy,
  ) {}

  @Mutation(() => PruneResultModel, {
    description:
      'Deletes finished runs (COMPLETED, FAILED, CANCELLED) that finished longer than olderThan ago, each with all its rows; ' +
      "dryRun only counts and lists them. olderThan: seconds, or a duration such as '30d', '12h', '90m'. " +
      'An unparsable duration or an unfinished state: BAD_USER_INPUT, nothing deleted.',
  })
  async pruneFlowRuns(
    @CurrentPrincipal() principal: Principal | null,
    @Args('olderThan', { type: () => String }) olderThan: string,
    @Args('states', { type: () => [FlowRunState], nullable: true, description: 'Default: all three final states.' })
    states?: FlowRunState[] | null,
    @Args('dryRun', { type: () => Boolean, nullable: true, defaultValue: false }) dryRun?: boolean,
  ): Promise<PruneResult> {
    if (this.access.restricts('prune')) await this.access.check(principal, 'prune', EVERY_FLOW);
    return this.retention.pruneFlowRuns({ olderThan, states: states ?? undefined, dryRun: dryRun ?? false });
  }
}
