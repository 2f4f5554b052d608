import { UseFilters, UseGuards } from '@nestjs/common';
import { Args, Context, Info, Int, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import DataLoader from 'dataloader';
import type { GraphQLResolveInfo } from 'graphql';
import { DEFAULT_NEEDS_ANSWER_PAGE, MAX_NEEDS_ANSWER_PAGE, RunAnswersService } from '../api/run-answers.service.js';
import type { AnsweredInput, NeedsAnswer } from '../domain/answered-input.js';
import { FlowRunState } from '../domain/flow-run-state.js';
import type { FlowRun } from '../domain/flow-run.js';
import { requestTitle } from '../inputs/input-title.js';
import type { Principal } from '../security/principal.js';
import { CurrentPrincipal } from './current-principal.decorator.js';
import { AnsweredInputModel } from './models/answered-input.model.js';
import { FlowRunModel } from './models/flow-run.model.js';
import { NeedsAnswerModel } from './models/needs-answer.model.js';
import { ReceiveRequestModel } from './models/receive-request.model.js';
import { NestflowAuthGuard } from './nestflow-auth.guard.js';
import { NestflowErrorFilter } from './nestflow-error.filter.js';
import { DEFAULT_INPUTS_PAGE, MAX_HISTORY_PAGE } from './run-loaders.js';

/**
 * Runs waiting for someone (`runsNeedingAnswer`), what a run waits for in receiveInput
 * (`FlowRun.receiving`) and the answers it was given (`FlowRun.inputs`). A run's fields are read
 * once its parent was authorized (flowRun, flowRuns, the subscriptions, runsNeedingAnswer).
 */
@Resolver(() => FlowRunModel)
@UseFilters(NestflowErrorFilter)
@UseGuards(NestflowAuthGuard)
export class RunAnswersResolver {
  /** Per request (or per subscription event's run): one read for the inputs of a page of runs. */
  private readonly loaders = new WeakMap<object, Map<number, DataLoader<string, AnsweredInput[]>>>();

  constructor(private readonly answers: RunAnswersService) {}

  @Query(() => NeedsAnswerModel, {
    description:
      'Runs waiting for an answer: PAUSED, SUSPENDED, or RUNNING in receiveInput; the soonest to expire first, then the ' +
      `oldest; counts over all of them (runs not allowed to read, and pauses past their deadline, are left out). first above ${MAX_NEEDS_ANSWER_PAGE}: BAD_USER_INPUT.`,
  })
  runsNeedingAnswer(
    @CurrentPrincipal() principal: Principal | null,
    @Args('flowName', { type: () => String, nullable: true }) flowName?: string,
    @Args('first', {
      type: () => Int,
      nullable: true,
      defaultValue: DEFAULT_NEEDS_ANSWER_PAGE,
      description: `How many runs, 0-${MAX_NEEDS_ANSWER_PAGE}.`,
    })
    first?: number | null,
  ): Promise<NeedsAnswer> {
    return this.answers.runsNeedingAnswer({ flowName: flowName ?? undefined, first: first ?? undefined, readableBy: principal });
  }

  @ResolveField(() => ReceiveRequestModel, { nullable: true })
  receiving(@Parent() run: FlowRun): ReceiveRequestModel | null {
    const receiving = run.state === FlowRunState.RUNNING ? run.receiving : null;
    // Past its deadline the receive waits for nobody, even before the flow's timer clears it.
    if (!receiving || Date.parse(receiving.expiresAt) <= Date.now()) return null;
    return {
      ...receiving,
      title: requestTitle({ ...receiving, inputType: null }),
      key: receiving.key ?? null,
      expiresAt: receiving.expiresAt ? new Date(receiving.expiresAt) : null,
    };
  }

  @ResolveField(() => [AnsweredInputModel], {
    description:
      'Answers the run was given, with who and when, and the timeouts of its waits; oldest first (the `last` newest). ' +
      'An approvals pause gives one per principal, those given so far included.',
  })
  async inputs(
    @Parent() run: FlowRun,
    @Context() context: object,
    @Info() info: GraphQLResolveInfo,
    @Args('last', {
      type: () => Int,
      defaultValue: DEFAULT_INPUTS_PAGE,
      description: `How many of the newest to return, 0-${MAX_HISTORY_PAGE}.`,
    })
    last: number,
  ): Promise<AnsweredInput[]> {
    const newest = Math.min(Math.max(Math.trunc(last), 0), MAX_HISTORY_PAGE);
    // A subscription event's context lives as long as the subscription: key by the event's run instead.
    const owner = info.operation.operation === 'subscription' ? run : context;
    let byLast = this.loaders.get(owner);
    if (!byLast) this.loaders.set(owner, (byLast = new Map()));
    let loader = byLast.get(newest);
    if (!loader) {
      loader = new DataLoader(async (ids: readonly string[]) => {
        const byRun = new Map<string, AnsweredInput[]>(ids.map((id) => [id, []]));
        for (const row of await this.answers.answersOf(ids, newest)) byRun.get(row.runId)?.push(row);
        return ids.map((id) => byRun.get(id) ?? []);
      });
      byLast.set(newest, loader);
    }
    // An approvals pause's answers stay on the run until the set is complete: they are answers too.
    const given = [...(await loader.load(run.id)), ...this.answers.pendingAnswers(run)];
    return newest ? given.slice(-newest) : [];
  }
}
