import type { Provider } from '@nestjs/common';
import { NESTFLOW_OPTIONS } from '../config/nestflow.constants.js';
import type { ResolvedNestflowOptions } from '../config/nestflow.options.js';
import { findNestflowPackage } from '../config/nestflow-package.js';
import { NESTFLOW_TRACER, NO_TRACER, type NestflowTracer } from './nestflow-tracer.js';
import { OtelTracer } from './otel-tracer.js';

/**
 * `NESTFLOW_TRACER`: spans through `@opentelemetry/api` when it is installed (an optional peer)
 * and `tracing` is on; no-ops otherwise.
 */
export const tracerProvider: Provider = {
  provide: NESTFLOW_TRACER,
  inject: [NESTFLOW_OPTIONS],
  useFactory: async (options: ResolvedNestflowOptions): Promise<NestflowTracer> => {
    if (!options.tracing) return NO_TRACER;
    const api = await import('@opentelemetry/api').catch(() => null);
    return api ? new OtelTracer(api, findNestflowPackage()?.version ?? 'unknown') : NO_TRACER;
  },
};
