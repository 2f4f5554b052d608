import { Inject, UseFilters, UseGuards } from '@nestjs/common';
import { Args, ID, Resolver, Subscription } from '@nestjs/graphql';
import { EVENT_BUS, type EventBus } from '../events/event-bus.js';
import { RunStore } from '../persistence/run.store.js';
import type { FlowRun } from '../domain/flow-run.js';
import type { Principal } from '../security/principal.js';
import { RunAccessPolicy } from '../security/run-access.policy.js';
import { CurrentPrincipal } from './current-principal.decorator.js';
import { eventIterator } from './event-iterator.js';
import { FlowRunLogModel } from './models/flow-run-log.model.js';
import { FlowRunModel } from './models/flow-run.model.js';
import { NestflowAuthGuard } from './nestflow-auth.guard.js';
import { NestflowErrorFilter } from './nestflow-error.filter.js';

const asIs = <T>(payload: T): T => payload;

/**
 * Live runs over graphql-ws, fed by the event bus (the payload itself is the field's value).
 * Runs the principal may not read are left out (a failing `map` drops the event).
 */
@Resolver()
@UseFilters(NestflowErrorFilter)
@UseGuards(NestflowAuthGuard)
export class FlowRunSubscriptionResolver {
  constructor(
    @Inject(EVENT_BUS) private readonly bus: EventBus,
    private readonly store: RunStore,
    private readonly access: RunAccessPolicy,
  ) {}

  @Subscription(() => FlowRunModel, {
    resolve: asIs,
    description: 'Fires once per pause or suspend, with the run and its inputRequest.',
  })
  flowRunPaused(
    @CurrentPrincipal() principal: Principal | null,
    @Args('flowName', { type: () => String, nullable: true }) flowName?: string,
  ) {
    return eventIterator(
      this.bus,
      'run.paused',
      // A reminder or escalation re-announces a pause this subscription told of already.
      (event) => !event.notice && (!flowName || event.flowName === flowName),
      async (event) => this.readable(principal, event.run ?? (await this.load(event.runId))),
    );
  }

  @Subscription(() => FlowRunModel, { resolve: asIs, description: 'Every state change, optionally of one run or flow.' })
  flowRunStateChanged(
    @CurrentPrincipal() principal: Principal | null,
    @Args('id', { type: () => ID, nullable: true }) id?: string,
    @Args('flowName', { type: () => String, nullable: true }) flowName?: string,
  ) {
    return eventIterator(
      this.bus,
      'run.state',
      (event) => (!id || event.runId === id) && (!flowName || event.flowName === flowName),
      async (event) => this.readable(principal, event.run ?? (await this.load(event.runId))),
    );
  }

  @Subscription(() => FlowRunLogModel, { resolve: asIs, description: 'Log lines of one run as they are written.' })
  async flowRunLogs(@Args('id', { type: () => ID }) id: string, @CurrentPrincipal() principal: Principal | null) {
    if (this.access.restricts('read')) {
      const run = await this.store.findRun(id);
      if (run) await this.access.check(principal, 'read', run);
    }
    return eventIterator(
      this.bus,
      'run.log',
      (event) => event.runId === id,
      (event) => event.log,
    );
  }

  private async readable(principal: Principal | null, run: FlowRun): Promise<FlowRun> {
    if (this.access.restricts('read') && !(await this.access.allows(principal, 'read', run))) throw new Error('not readable');
    return run;
  }

  private async load(runId: string): Promise<FlowRun> {
    const run = await this.store.findRun(runId);
    if (!run) throw new Error(`Run ${runId} vanished`);
    return run;
  }
}
