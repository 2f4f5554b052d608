import { Controller, Get } from '@nestjs/common';
import { HealthCheck, HealthCheckService, type HealthCheckResult } from '@nestjs/terminus';
import { NestflowHealthIndicator } from '../../health/index.js';

/**
 * The demo's probes, with @nestjs/terminus: `GET /health/live` (restart the process when it
 * fails) and `GET /health/ready` (send it traffic only when it passes). 503 with the failing
 * parts when down.
 */
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly nestflow: NestflowHealthIndicator,
  ) {}

  @Get('live')
  @HealthCheck()
  live(): Promise<HealthCheckResult> {
    return this.health.check([() => this.nestflow.isAlive()]);
  }

  @Get('ready')
  @HealthCheck()
  ready(): Promise<HealthCheckResult> {
    return this.health.check([() => this.nestflow.isReady()]);
  }
}
