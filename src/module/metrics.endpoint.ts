import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { NESTFLOW_OPTIONS } from '../config/nestflow.constants.js';
import type { ResolvedNestflowOptions } from '../config/nestflow.options.js';
import { NESTFLOW_METRICS, type NestflowMetrics } from '../observability/nestflow-metrics.js';

/**
 * `GET <metrics.path>` (default `/metrics`): the Prometheus text exposition. Mounted on the HTTP
 * adapter at module init (any platform), like the inbox; not behind nestflow's API keys, as
 * scrapers usually are not: keep it on a network only Prometheus reaches, or serve the registry
 * yourself (`metrics: { path: false, registry }`).
 */
@Injectable()
export class MetricsEndpoint implements OnModuleInit {
  private readonly logger = new Logger('nestflow:metrics');

  constructor(
    @Inject(NESTFLOW_OPTIONS) private readonly options: ResolvedNestflowOptions,
    @Inject(NESTFLOW_METRICS) private readonly metrics: NestflowMetrics,
    private readonly adapterHost: HttpAdapterHost,
  ) {}

  onModuleInit(): void {
    const path = this.options.metrics?.path;
    const adapter = this.adapterHost.httpAdapter;
    if (!path || !adapter) return; // metrics off, served by the host, or no HTTP server
    adapter.get(path, async (_request: unknown, response: unknown) => {
      try {
        const { contentType, body } = await this.metrics.render();
        adapter.setHeader(response, 'Content-Type', contentType);
        adapter.reply(response, body, 200);
      } catch (error) {
        this.logger.error(`Rendering metrics failed: ${(error as Error).message}`);
        adapter.reply(response, 'metrics unavailable\n', 500);
      }
    });
  }
}
