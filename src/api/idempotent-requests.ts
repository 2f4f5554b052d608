import { Injectable } from '@nestjs/common';
import { ClientRequestStore } from '../persistence/client-request.store.js';
import type { ClientRequestEntity } from '../persistence/entities/index.js';
import type { RequestToStore } from '../persistence/sql/hot-statements.js';
import { IdempotencyKeyReusedError } from '../domain/errors/idempotency-key-reused.error.js';

/**
 * Runs a client call at most once per `requestId`. The record is written by the call's own
 * change (same statement or transaction), so it exists exactly when the change committed.
 */
@Injectable()
export class IdempotentRequests {
  constructor(private readonly requests: ClientRequestStore) {}

  /**
   * Without a request, just `apply`. With one: if it already took effect, `replay` answers it
   * again (nothing is changed); a different request under the same id is refused. Otherwise
   * `apply` it; if that fails because a concurrent duplicate won, answer as that one did.
   */
  async once<T>(
    request: RequestToStore | null,
    apply: () => Promise<T>,
    replay: (earlier: ClientRequestEntity) => Promise<T>,
  ): Promise<T> {
    if (!request) return apply();
    // Looked up before acting: a retry that arrives after the run paused again must not answer the new pause.
    const earlier = await this.requests.find(request.id);
    if (earlier) return this.answer(request, earlier, replay);
    try {
      return await apply();
    } catch (error) {
      const winner = await this.requests.find(request.id).catch(() => null);
      if (winner) return this.answer(request, winner, replay);
      throw error;
    }
  }

  private answer<T>(request: RequestToStore, earlier: ClientRequestEntity, replay: (earlier: ClientRequestEntity) => Promise<T>) {
    const same = earlier.operation === request.operation && earlier.fingerprint === request.fingerprint;
    if (!same) throw new IdempotencyKeyReusedError('requestId', request.id);
    return replay(earlier);
  }
}
