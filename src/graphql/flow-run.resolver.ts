import { UseFilters } from '@nestjs/common';
import { Args, Context, ID, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { GraphQLJSON } from 'graphql-type-json';
import type { FlowRun } from '../runs/flow-run.js';
import type { SerializedError } from '../runs/serialized-error.js';
import { FlowRunService } from '../runs/flow-run.service.js';
import { FlowRunConnectionModel, FlowRunFilterInput } from './models/flow-run-connection.model.js';
import { FlowRunLogModel } from './models/flow-run-log.model.js';
import { FlowRunStateRecordModel } from './models/flow-run-state-record.model.js';
import { FlowRunModel } from './models/flow-run.model.js';
import { NestflowErrorFilter } from './nestflow-error.filter.js';
import { RunLoaders } from './run-loaders.js';

/** Queries and mutations on runs. */
@Resolver(() => FlowRunModel)
@UseFilters(NestflowErrorFilter)
export class FlowRunResolver {
  constructor(
    private readonly runs: FlowRunService,
    private readonly loaders: RunLoaders,
  ) {}

  @Query(() => FlowRunModel, { nullable: true, description: 'A run by id; null if there is none.' })
  flowRun(@Args('id', { type: () => ID }) id: string): Promise<FlowRun | null> {
    return this.runs.findFlowRun(id);
  }

  @Query(() => FlowRunConnectionModel, { description: 'Runs, newest first, a page at a time.' })
  async flowRuns(
    @Args('filter', { type: () => FlowRunFilterInput, nullable: true }) filter?: FlowRunFilterInput,
    @Args('first', { type: () => Int, nullable: true, description: 'Page size, 0-500 (0: just totalCount); default 20.' }) first?: number,
    @Args('after', { type: () => String, nullable: true, description: 'An edge cursor from the previous page.' }) after?: string,
  ) {
    const page = await this.runs.listFlowRuns(filter ?? {}, { first: first ?? undefined, after: after ?? undefined });
    const edges = page.runs.map((run, index) => ({ cursor: page.cursors[index], node: run }));
    return {
      edges,
      pageInfo: { hasNextPage: page.hasNextPage, endCursor: edges.at(-1)?.cursor ?? null },
      totalCount: page.totalCount,
    };
  }

  @Mutation(() => FlowRunModel, { description: 'Schedules a run; it starts at once.' })
  createFlowRun(
    @Args('flowName') flowName: string,
    @Args('parameters', { type: () => GraphQLJSON, nullable: true }) parameters?: unknown,
  ): Promise<FlowRun> {
    return this.runs.createFlowRun(flowName, parameters);
  }

  @Mutation(() => FlowRunModel, {
    description:
      'Answers a paused run. Invalid input: BAD_USER_INPUT with extensions.violations, run unchanged. ' +
      'Not paused or already resumed: CONFLICT.',
  })
  resumeRun(
    @Args('id', { type: () => ID }) id: string,
    @Args('input', { type: () => GraphQLJSON, nullable: true }) input?: unknown,
    @Args('key', { type: () => String, nullable: true }) key?: string,
  ): Promise<FlowRun> {
    return this.runs.resumeFlowRun(id, input, key);
  }

  @Mutation(() => FlowRunModel, { description: 'Cancels a run that has not finished.' })
  cancelFlowRun(@Args('id', { type: () => ID }) id: string): Promise<FlowRun> {
    return this.runs.cancelFlowRun(id);
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
}
