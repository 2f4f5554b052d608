import { UseFilters, UseGuards } from '@nestjs/common';
import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { FlowRunService } from '../api/flow-run.service.js';
import { FlowVersionService } from '../api/flow-version.service.js';
import type { FlowRun } from '../domain/flow-run.js';
import { RunAccessPolicy } from '../security/run-access.policy.js';
import type { Principal } from '../security/principal.js';
import { CurrentPrincipal } from './current-principal.decorator.js';
import { FlowRunModel } from './models/flow-run.model.js';
import { FlowPatchUsageModel, FlowVersionUsageModel } from './models/flow-version.models.js';
import { NestflowAuthGuard } from './nestflow-auth.guard.js';
import { NestflowErrorFilter } from './nestflow-error.filter.js';

/** Flow versions for operators: what waits on which version, which patches are still needed, replay on current code. */
@Resolver()
@UseFilters(NestflowErrorFilter)
@UseGuards(NestflowAuthGuard)
export class FlowVersionResolver {
  constructor(
    private readonly versions: FlowVersionService,
    private readonly runs: FlowRunService,
    private readonly access: RunAccessPolicy,
  ) {}

  @Query(() => [FlowVersionUsageModel], {
    description: 'Versions of a flow (or of every flow) with unfinished runs, live nodes serving them, or current here.',
  })
  async flowVersions(
    @CurrentPrincipal() principal: Principal | null,
    @Args('flowName', { type: () => String, nullable: true }) flowName?: string,
  ): Promise<FlowVersionUsageModel[]> {
    const usage = await this.versions.listFlowVersions(flowName ?? undefined);
    if (!this.access.restricts('read')) return usage;
    // Counts of runs are reads of them: only flows the caller may read.
    const readable = new Map<string, boolean>();
    for (const { flowName: name } of usage) {
      if (!readable.has(name)) readable.set(name, await this.access.allows(principal, 'read', name));
    }
    return usage.filter((v) => readable.get(v.flowName));
  }

  @Query(() => [FlowPatchUsageModel], {
    description: 'The patched(id) calls runs of a flow took, and the runs that still need them.',
  })
  async flowPatches(
    @CurrentPrincipal() principal: Principal | null,
    @Args('flowName', { type: () => String }) flowName: string,
  ): Promise<FlowPatchUsageModel[]> {
    if (this.access.restricts('read')) await this.access.check(principal, 'read', flowName);
    return this.versions.listFlowPatches(flowName);
  }

  @Mutation(() => FlowRunModel, {
    description:
      "Moves a SCHEDULED or SUSPENDED run whose version this node does not serve to this node's version of its flow, " +
      'to be replayed on the current code; recorded in its history with who and why. Served here already: CONFLICT.',
  })
  async replayFlowRunOnCurrentVersion(
    @Args('id', { type: () => ID }) id: string,
    @CurrentPrincipal() principal: Principal | null,
    @Args('reason', { type: () => String, nullable: true }) reason?: string,
  ): Promise<FlowRun> {
    if (this.access.restricts('replay')) await this.access.check(principal, 'replay', await this.runs.getFlowRun(id));
    return this.versions.replayOnCurrentVersion(id, { by: principal?.id ?? null, reason });
  }
}
