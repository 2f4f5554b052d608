import type { FlowRunState } from '../domain/flow-run-state.js';
import { NO_TIMERS } from '../domain/pause-timers.js';
import { WAITING_STATES } from '../domain/state-machine.js';
import type { RunPatch } from './sql/hot-statements.js';

/**
 * A move out of PAUSED or SUSPENDED ends the pause (answered, timed out, cancelled, failed): its
 * reminders and escalation end with it, in the same write, unless the patch sets them itself.
 * A move between waiting states (a dead node's PAUSED run becoming SUSPENDED) keeps them.
 */
export function withTimersEnded(from: FlowRunState, to: FlowRunState, patch: RunPatch): RunPatch {
  return WAITING_STATES.includes(from) && !WAITING_STATES.includes(to) ? { ...NO_TIMERS, ...patch } : patch;
}
