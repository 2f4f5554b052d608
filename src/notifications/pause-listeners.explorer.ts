import { Inject, Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { EVENT_BUS, type EventBus } from '../events/event-bus.js';
import type { RunPausedEvent } from '../events/nestflow-event.js';
import { RunStore } from '../persistence/run.store.js';
import type { FlowRun } from '../domain/flow-run.js';
import type { PauseNotice } from '../domain/pause-timers.js';
import { ON_FLOW_RUN_PAUSED, type OnFlowRunPausedMetadata } from './on-flow-run-paused.decorator.js';

type Handler = { flowName: string | null; source: string; call: (run: FlowRun, notice: PauseNotice) => unknown };

/**
 * Finds `@OnFlowRunPaused` methods at bootstrap and calls them for pauses that happened on this
 * node (events from other nodes are theirs to handle), and for the reminders and escalations this
 * node claimed, isolated from the run and from each other.
 */
@Injectable()
export class PauseListenersExplorer implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('nestflow:notifications');
  private readonly handlers: Handler[] = [];
  private off?: () => void;

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly reflector: Reflector,
    @Inject(EVENT_BUS) private readonly bus: EventBus,
    private readonly store: RunStore,
  ) {}

  onModuleInit(): void {
    for (const wrapper of this.discovery.getProviders()) {
      const instance = wrapper.instance as Record<string, (run: FlowRun, notice: PauseNotice) => unknown> | undefined;
      if (!instance || typeof instance !== 'object' || !wrapper.isDependencyTreeStatic()) continue;
      for (const name of this.scanner.getAllMethodNames(Object.getPrototypeOf(instance) as object)) {
        const meta = this.reflector.get<OnFlowRunPausedMetadata | undefined>(ON_FLOW_RUN_PAUSED, instance[name]);
        if (meta) {
          const method = instance[name];
          this.handlers.push({
            flowName: meta.flowName,
            source: `${instance.constructor.name}.${name}`,
            call: (run, notice) => method.call(instance, run, notice),
          });
        }
      }
    }
    if (this.handlers.length) this.off = this.bus.subscribe('run.paused', (event) => !event.remote && void this.dispatch(event));
  }

  onApplicationShutdown(): void {
    this.off?.();
  }

  private async dispatch(event: RunPausedEvent): Promise<void> {
    const handlers = this.handlers.filter((handler) => !handler.flowName || handler.flowName === event.flowName);
    if (!handlers.length) return;
    const run = event.run ?? (await this.store.findRun(event.runId).catch(() => null));
    if (!run) return;
    const notice = event.notice ?? {};
    await Promise.all(
      handlers.map(async (handler) => {
        try {
          await handler.call(run, { ...notice });
        } catch (error) {
          this.logger.error(`${handler.source} failed for run ${run.id}: ${(error as Error).message}`);
        }
      }),
    );
  }
}
