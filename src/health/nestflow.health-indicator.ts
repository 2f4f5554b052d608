import { Injectable } from '@nestjs/common';
import { HealthIndicatorService, type HealthIndicatorResult } from '@nestjs/terminus';
import { NestflowHealth } from '../api/nestflow-health.service.js';

/**
 * nestflow's part of a `@nestjs/terminus` health check. Add it to a module that imports
 * `TerminusModule`, next to your own indicators:
 *
 *     @Get('ready') @HealthCheck()
 *     ready() { return this.health.check([() => this.nestflow.isReady()]); }
 *
 * `isReady`: the store answers, the LISTEN connection is up (PostgreSQL), the worker's claim
 * loop turns and its heartbeat is renewed, every migration is applied. `isAlive`: only this
 * process's worker loop and heartbeat state, no store round trip.
 */
@Injectable()
export class NestflowHealthIndicator {
  constructor(
    private readonly indicator: HealthIndicatorService,
    private readonly health: NestflowHealth,
  ) {}

  async isReady(key = 'nestflow'): Promise<HealthIndicatorResult> {
    const { ok, ...parts } = await this.health.check();
    const session = this.indicator.check(key);
    return ok ? session.up(parts) : session.down(parts);
  }

  isAlive(key = 'nestflow'): HealthIndicatorResult {
    const { ok, worker } = this.health.live();
    const session = this.indicator.check(key);
    return ok ? session.up({ worker }) : session.down({ worker });
  }
}
