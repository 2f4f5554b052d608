import { Inject, Injectable } from '@nestjs/common';
import { NestflowError } from '../domain/errors/nestflow.error.js';
import { NESTFLOW_METRICS, type NestflowMetrics } from '../observability/nestflow-metrics.js';
import { rethrowStoreError, storeUnavailableReason } from '../persistence/store-errors.js';

/** The API's store failures: counted (`nestflow_store_errors_total`), then rethrown as StoreUnavailableError. */
@Injectable()
export class StoreFailures {
  constructor(@Inject(NESTFLOW_METRICS) private readonly metrics: NestflowMetrics) {}

  readonly rethrow = (error: unknown): never => {
    const reason = error instanceof NestflowError ? null : storeUnavailableReason(error);
    if (reason) this.metrics.storeError(reason);
    return rethrowStoreError(error);
  };
}
