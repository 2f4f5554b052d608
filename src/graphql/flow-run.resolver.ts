import { UseFilters, UseGuards } from '@nestjs/common';
import { Args, Context, ID, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { GraphQLJSON } from 'graphql-type-json';
import type { FlowRun } from '../runs/flow-run.js';
import type { SerializedError } from '../runs/serialized-error.js';
import { FlowRunService } from '../runs/flow-run.service.js';
import type { NestflowAction, Principal } from '../security/principal.js';
import { RunAccessPolicy } from '../security/run-access.policy.js';
import { CurrentPrincipal } from './current-principal.decorator.js';
import { FlowRunConnectionModel, FlowRunFilterInput } from './models/flow-run-connection.model.js';
import { FlowRunLogModel } from './models/flow-run-log.model.js';
import { FlowRunStateRecordModel } from './models/flow-run-state-record.model.js';
import { FlowRunModel } from './models/flow-run.model.js';
import { NestflowAuthGuard } from './nestflow-auth.guard.js';
import { NestflowErrorFilter } from './nestflow-error.filter.js';
import { REQUEST_ID_DESCRIPTION } from './request-id.argument.js';
import { RunLoaders } from './run-loaders.js';

/** Queries and mutations on runs; every one authenticated and authorized (RunAccessPolicy). */
@Resolver(() => FlowRunModel)
@UseFilters(NestflowErrorFilter)
@UseGuards(NestflowAuthGuard)
export class FlowRunResolver {
  constructor(
    private readonly runs: FlowRunService,
    private readonly loaders: RunLoaders,
    private readonly access: RunAccessPolicy,
  ) {}

  @Query(() => FlowRunModel, {
    nullable: true,
    description: 'A run by id; null if there is none. FORBIDDEN if not allowed to read it.',
  })
  async flowRun(
    @Args('id', { type: () => ID }) id: string,
    @CurrentPrincipal() principal: Principal | null,
  ): Promise<FlowRun | null> {
    const run = await this.runs.findFlowRun(id);
    if (run && this.access.restricts('read')) await this.access.check(principal, 'read', run);
    return run;
  }

  @Query(() => FlowRunConnectionModel, {
    description: 'Runs, newest first, a page at a time (runs not allowed to read are left out).',
  })
  async flowRuns(
    @CurrentPrincipal() principal: Principal | null,
    @Args('filter', { type: () => FlowRunFilterInput, nullable: true }) filter?: FlowRunFilterInput,
    @Args('first', { type: () => Int, nullable: true, description: 'Page size, 0-500 (0: just totalCount); default 20.' })
    first?: number,
    @Args('after', { type: () => String, nullable: true, description: 'An edge cursor from the previous page.' }) after?: string,
  ) {
    const page = await this.runs.listFlowRuns(filter ?? {}, { first: first ?? undefined, after: after ?? undefined });
    let edges = page.runs.map((run, index) => ({ cursor: page.cursors[index], node: run }));
    if (this.access.restricts('read')) {
      const allowed = await Promise.all(edges.map((edge) => this.access.allows(principal, 'read', edge.node)));
      edges = edges.filter((_, index) => allowed[index]);
    }
    return {
      edges,
      // The cursor of the last run read, shown or not, so the next page starts after it.
      pageInfo: { hasNextPage: page.hasNextPage, endCursor: page.cursors.at(-1) ?? null },
      totalCount: page.totalCount,
    };
  }

  @Mutation(() => FlowRunModel, { description: 'Schedules a run; it starts at once.' })
  async createFlowRun(
    @Args('flowName') flowName: string,
    @CurrentPrincipal() principal: Principal | null,
    @Args('parameters', { type: () => GraphQLJSON, nullable: true }) parameters?: unknown,
  ): Promise<FlowRun> {
    if (this.access.restricts('create')) await this.access.check(principal, 'create', flowName);
    return this.runs.createFlowRun(flowName, parameters);
  }

  @Mutation(() => FlowRunModel, {
    description:
      'Answers a paused run. Invalid input: BAD_USER_INPUT with extensions.violations, run unchanged. ' +
      'Not paused or already resumed: CONFLICT. Not allowed (resumableBy, authorize): FORBIDDEN.',
  })
  async resumeRun(
    @Args('id', { type: () => ID }) id: string,
    @CurrentPrincipal() principal: Principal | null,
    @Args('input', { type: () => GraphQLJSON, nullable: true }) input?: unknown,
    @Args('key', { type: () => String, nullable: true }) key?: string,
    @Args('requestId', { type: () => String, nullable: true, description: REQUEST_ID_DESCRIPTION }) requestId?: string,
  ): Promise<FlowRun> {
    await this.authorize(principal, 'resume', id);
    return this.runs.resumeFlowRun(id, input, key, { resumedBy: principal?.id ?? null, requestId });
  }

  @Mutation(() => FlowRunModel, {
    description: 'Cancels a run that has not finished. Finished: CONFLICT (unless a retry under the same requestId).',
  })
  async cancelFlowRun(
    @Args('id', { type: () => ID }) id: string,
    @CurrentPrincipal() principal: Principal | null,
    @Args('requestId', { type: () => String, nullable: true, description: REQUEST_ID_DESCRIPTION }) requestId?: string,
  ): Promise<FlowRun> {
    await this.authorize(principal, 'cancel', id);
    return this.runs.cancelFlowRun(id, { requestId });
  }

  /** Name, message and code only: stack traces stay on the server (FlowRunService returns them). */
  @ResolveField(() => GraphQLJSON, { nullable: true, description: '{ name, message, code } when FAILED.' })
  error(@Parent() run: FlowRun): Omit<SerializedError, 'stack'> | null {
    if (!run.error) return null;
    const { stack: _stack, ...visible } = run.error;
    return visible;
  }

  @ResolveField(() => [FlowRunLogModel])
  logs(@Parent() run: FlowRun, @Context() context: object) {
    return this.loaders.for(context).logs.load(run.id);
  }

  @ResolveField(() => [FlowRunStateRecordModel])
  states(@Parent() run: FlowRun, @Context() context: object) {
    return this.loaders.for(context).states.load(run.id);
  }

  private async authorize(principal: Principal | null, action: NestflowAction, id: string): Promise<void> {
    if (this.access.restricts(action)) await this.access.check(principal, action, await this.runs.getFlowRun(id));
  }
}
