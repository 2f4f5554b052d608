import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { FlowWorker } from '../engine/flow.worker.js';
import { LogWriter } from '../engine/log.writer.js';
import { EVENT_BUS, type EventBus } from '../events/event-bus.js';
import { NESTFLOW_DATA_SOURCE } from '../persistence/data-source.token.js';

/** Starts the worker once the app is up; on shutdown stops it, then closes the store. */
@Injectable()
export class NestflowLifecycle implements OnApplicationBootstrap, OnApplicationShutdown {
  constructor(
    private readonly worker: FlowWorker,
    private readonly logs: LogWriter,
    @Inject(NESTFLOW_DATA_SOURCE) private readonly dataSource: DataSource,
    @Inject(EVENT_BUS) private readonly bus: EventBus,
  ) {}

  onApplicationBootstrap(): Promise<void> {
    return this.worker.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.worker.stop();
    await this.bus.close?.();
    await this.logs.flush();
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
  }
}
