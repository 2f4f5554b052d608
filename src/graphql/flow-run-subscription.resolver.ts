import { Inject } from '@nestjs/common';
import { Args, ID, Resolver, Subscription } from '@nestjs/graphql';
import { EVENT_BUS, type EventBus } from '../events/event-bus.js';
import { RunStore } from '../persistence/run.store.js';
import type { FlowRun } from '../runs/flow-run.js';
import { eventIterator } from './event-iterator.js';
import { FlowRunLogModel } from './models/flow-run-log.model.js';
import { FlowRunModel } from './models/flow-run.model.js';

const asIs = <T>(payload: T): T => payload;

/** Live runs over graphql-ws, fed by the event bus (the payload itself is the field's value). */
@Resolver()
export class FlowRunSubscriptionResolver {
  constructor(
    @Inject(EVENT_BUS) private readonly bus: EventBus,
    private readonly store: RunStore,
  ) {}

  @Subscription(() => FlowRunModel, {
    resolve: asIs,
    description: 'Fires once per pause or suspend, with the run and its inputRequest.',
  })
  flowRunPaused(@Args('flowName', { type: () => String, nullable: true }) flowName?: string) {
    return eventIterator(
      this.bus,
      'run.paused',
      (event) => !flowName || event.flowName === flowName,
      (event) => event.run ?? this.load(event.runId),
    );
  }

  @Subscription(() => FlowRunModel, { resolve: asIs, description: 'Every state change, optionally of one run or flow.' })
  flowRunStateChanged(
    @Args('id', { type: () => ID, nullable: true }) id?: string,
    @Args('flowName', { type: () => String, nullable: true }) flowName?: string,
  ) {
    return eventIterator(
      this.bus,
      'run.state',
      (event) => (!id || event.runId === id) && (!flowName || event.flowName === flowName),
      (event) => event.run ?? this.load(event.runId),
    );
  }

  @Subscription(() => FlowRunLogModel, { resolve: asIs, description: 'Log lines of one run as they are written.' })
  flowRunLogs(@Args('id', { type: () => ID }) id: string) {
    return eventIterator(this.bus, 'run.log', (event) => event.runId === id, (event) => event.log);
  }

  private async load(runId: string): Promise<FlowRun> {
    const run = await this.store.findRun(runId);
    if (!run) throw new Error(`Run ${runId} vanished`);
    return run;
  }
}
