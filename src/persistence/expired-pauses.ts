import type { SelectQueryBuilder } from 'typeorm';
import { FlowRunState } from '../domain/flow-run-state.js';
import type { FlowRunEntity } from './entities/index.js';

/** The states a pause waits in; past `pause_expires_at` a run in them is no longer waiting. */
export const PAUSE_STATES = [FlowRunState.PAUSED, FlowRunState.SUSPENDED];

/**
 * Leaves out the runs (aliased `run`) that still read PAUSED or SUSPENDED although their pause's
 * deadline passed (`now`), in the window before a timer, the sweeper or a read applies the timeout:
 * they are shown as waiting nowhere, counts included. Runs without a deadline stay.
 */
export function withoutExpiredPauses(query: SelectQueryBuilder<FlowRunEntity>, now: Date): SelectQueryBuilder<FlowRunEntity> {
  return query.andWhere(
    '(run.state NOT IN (:...expiryWaiting) OR run.pauseExpiresAt IS NULL OR run.pauseExpiresAt > :expiryNow)',
    { expiryWaiting: PAUSE_STATES, expiryNow: now },
  );
}
