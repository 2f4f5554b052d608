import type { FlowRun } from './flow-run.js';
import { WAITING_STATES } from './state-machine.js';

/**
 * True when `run` still reads as waiting (PAUSED or SUSPENDED) but its pause's deadline has
 * passed: it is no longer waiting, only not yet moved on by whoever applies the timeout.
 */
export function pauseExpired(run: FlowRun, now = Date.now()): boolean {
  return WAITING_STATES.includes(run.state) && run.pauseExpiresAt !== null && run.pauseExpiresAt.getTime() <= now;
}
