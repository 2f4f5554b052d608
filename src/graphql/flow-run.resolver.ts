import { UseFilters, UseGuards } from '@nestjs/common';
import { Args, Context, ID, Info, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import type { GraphQLResolveInfo } from 'graphql';
import { GraphQLJSON } from 'graphql-type-json';
import type { FlowRun } from '../domain/flow-run.js';
import type { SerializedError } from '../domain/serialized-error.js';
import { FlowRunService } from '../api/flow-run.service.js';
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
import { encodeCursor } from '../persistence/run-cursor.js';
import type { FlowRunFilter } from '../domain/flow-run.js';
import { DEFAULT_HISTORY_PAGE, MAX_HISTORY_PAGE, RunLoaders } from './run-loaders.js';

const HISTORY_ARGUMENT = {
  type: () => Int,
  defaultValue: DEFAULT_HISTORY_PAGE,
  description: `How many of the newest to return, 0-${MAX_HISTORY_PAGE}.`,
};
const HISTORY_DESCRIPTION = (what: string) => `The run's ${what}, oldest first (the \`last\` newest).`;
/** Runs read per statement, and at most per request, when a read policy hides some. */
const SCAN_BATCH = 100;
const MAX_SCANNED_RUNS = 2000;
/** Sorts after every run id (lowercase UUIDs), so a cursor with it starts at a point in time. */
const ABOVE_EVERY_ID = 'g';
const isSubscription = (info: GraphQLResolveInfo) => info.operation.operation === 'subscription';

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
    description:
      'A run by id; null if there is none. FORBIDDEN if not allowed to read it. A pause past its deadline is timed out first: it never reads as waiting.',
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
    description:
      'Runs, newest first, a page at a time (runs not allowed to read are left out, and so are pauses past their deadline until timed out).',
  })
  async flowRuns(
    @CurrentPrincipal() principal: Principal | null,
    @Args('filter', { type: () => FlowRunFilterInput, nullable: true }) filter?: FlowRunFilterInput,
    @Args('first', { type: () => Int, nullable: true, description: 'Page size, 0-500 (0: just totalCount); default 20.' })
    first?: number,
    @Args('after', { type: () => String, nullable: true, description: 'An edge cursor from the previous page.' }) after?: string,
  ) {
    const wanted = {
      states: filter?.states ? [...new Set(filter.states)] : undefined,
      flowName: filter?.flowName,
      flowVersion: filter?.flowVersion,
    };
    if (this.access.restricts('read')) return this.readablePage(principal, wanted, first ?? 20, after ?? undefined);
    const page = await this.runs.listFlowRuns(wanted, { first: first ?? undefined, after: after ?? undefined });
    return {
      edges: page.runs.map((run, index) => ({ cursor: page.cursors[index], node: run })),
      pageInfo: { hasNextPage: page.hasNextPage, endCursor: page.cursors.at(-1) ?? null },
      totalCount: page.totalCount,
    };
  }

  @Mutation(() => FlowRunModel, {
    description:
      "Schedules a run; it starts at once. Parameters the flow's parametersSchema refuses: BAD_USER_INPUT with " +
      'extensions.violations, and no run is created.',
  })
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
      'Not paused or already resumed: CONFLICT. After the pause expired: CONFLICT (PAUSE_EXPIRED), the timeout applied instead. ' +
      'Not allowed (resumableBy, authorize, approvals.from): FORBIDDEN. ' +
      'An approvals pause: a second answer of the same principal is CONFLICT (ALREADY_ANSWERED), an anonymous one FORBIDDEN.',
  })
  async resumeRun(
    @Args('id', { type: () => ID }) id: string,
    @CurrentPrincipal() principal: Principal | null,
    @Args('input', { type: () => GraphQLJSON, nullable: true }) input?: unknown,
    @Args('key', { type: () => String, nullable: true }) key?: string,
    @Args('requestId', { type: () => String, nullable: true, description: REQUEST_ID_DESCRIPTION }) requestId?: string,
  ): Promise<FlowRun> {
    const checked = await this.authorize(principal, 'resume', id);
    return this.runs.resumeFlowRun(id, input, key, {
      resumedBy: principal?.id ?? null,
      requestId,
      roles: principal?.roles,
      checkedPause: checked?.inputRequest?.key ?? null,
    });
  }

  @Mutation(() => FlowRunModel, {
    description:
      'Cancels a run that has not finished; who and why go in its history. Finished: CONFLICT (unless a retry under the same requestId).',
  })
  async cancelFlowRun(
    @Args('id', { type: () => ID }) id: string,
    @CurrentPrincipal() principal: Principal | null,
    @Args('requestId', { type: () => String, nullable: true, description: REQUEST_ID_DESCRIPTION }) requestId?: string,
    @Args('reason', { type: () => String, nullable: true, description: "Why (kept in the run's history with who)." })
    reason?: string,
  ): Promise<FlowRun> {
    await this.authorize(principal, 'cancel', id);
    return this.runs.cancelFlowRun(id, { requestId, cancelledBy: principal?.id ?? null, reason });
  }

  @Mutation(() => FlowRunModel, {
    description:
      'Sends a FAILED run back to SCHEDULED to be replayed: recorded task results and answers are kept, the step ' +
      'that failed runs again (with fromStep, every step from there); who and why go in its history. ' +
      'Not FAILED, or another retry won: CONFLICT. fromStep below 1: BAD_USER_INPUT.',
  })
  async retryFlowRun(
    @Args('id', { type: () => ID }) id: string,
    @CurrentPrincipal() principal: Principal | null,
    @Args('reason', { type: () => String, nullable: true, description: "Why (kept in the run's history with who)." })
    reason?: string,
    @Args('fromStep', { type: () => Int, nullable: true, description: 'Also run again every step from this one (1: the first).' })
    fromStep?: number,
  ): Promise<FlowRun> {
    await this.authorize(principal, 'retry', id);
    return this.runs.retryFlowRun(id, { retriedBy: principal?.id ?? null, reason, fromStep });
  }

  /** Name, message and code only: stack traces stay on the server (FlowRunService returns them). */
  @ResolveField(() => GraphQLJSON, { nullable: true, description: '{ name, message, code } when FAILED.' })
  error(@Parent() run: FlowRun): Omit<SerializedError, 'stack'> | null {
    if (!run.error) return null;
    const { stack: _stack, ...visible } = run.error;
    return visible;
  }

  @ResolveField(() => [FlowRunLogModel], { description: HISTORY_DESCRIPTION('log lines') })
  logs(
    @Parent() run: FlowRun,
    @Context() context: object,
    @Info() info: GraphQLResolveInfo,
    @Args('last', HISTORY_ARGUMENT) last: number,
  ) {
    return this.loaders.load('logs', run, last, context, isSubscription(info));
  }

  @ResolveField(() => [FlowRunStateRecordModel], { description: HISTORY_DESCRIPTION('state changes') })
  states(
    @Parent() run: FlowRun,
    @Context() context: object,
    @Info() info: GraphQLResolveInfo,
    @Args('last', HISTORY_ARGUMENT) last: number,
  ) {
    return this.loaders.load('states', run, last, context, isSubscription(info));
  }

  /**
   * A page of the runs the principal may read, for a policy that hides some: reads on (in
   * batches) until the page is full, so neither the cursors nor the count say anything about
   * runs it may not read. `totalCount` is null (counting would need every run read).
   */
  private async readablePage(principal: Principal | null, filter: FlowRunFilter, first: number, after?: string) {
    const size = Math.min(Math.max(first, 0), 500);
    const edges: Array<{ cursor: string; node: FlowRun }> = [];
    let cursor = after;
    let hasNextPage = size === 0;
    let hiddenTail: FlowRun | undefined; // the last run read, if hidden
    for (let scanned = 0; edges.length < size && scanned < MAX_SCANNED_RUNS;) {
      const page = await this.runs.listFlowRuns(filter, { first: SCAN_BATCH, after: cursor });
      const allowed = await Promise.all(page.runs.map((run) => this.access.allows(principal, 'read', run)));
      let read = 0;
      for (; read < page.runs.length && edges.length < size; read++) {
        if (allowed[read]) edges.push({ cursor: page.cursors[read], node: page.runs[read] });
        hiddenTail = allowed[read] ? undefined : page.runs[read];
      }
      scanned += read;
      cursor = page.cursors[read - 1] ?? cursor;
      hasNextPage = read < page.runs.length || page.hasNextPage;
      if (!page.hasNextPage) break;
    }
    // Past only hidden runs: a cursor that resumes after their time without naming any of them.
    const endCursor =
      edges.at(-1)?.cursor ??
      (hiddenTail && hasNextPage ? encodeCursor({ createdAt: hiddenTail.createdAt, id: ABOVE_EVERY_ID }) : null);
    return { edges, pageInfo: { hasNextPage, endCursor }, totalCount: null };
  }

  /** Checks `action` on the run as it is now, and returns the run checked (null when nothing restricts `action`). */
  private async authorize(principal: Principal | null, action: NestflowAction, id: string): Promise<FlowRun | null> {
    if (!this.access.restricts(action)) return null;
    // As stored: a resume past the deadline is refused as PAUSE_EXPIRED by the resume itself, not hidden by this read.
    const run = await this.runs.getFlowRun(id, { asStored: action === 'resume' });
    await this.access.check(principal, action, run);
    return run;
  }
}
