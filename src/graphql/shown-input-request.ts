import type { FlowRun } from '../domain/flow-run.js';
import type { InputRequest } from '../domain/input-request.js';
import { timersOf, type PauseTimers } from '../domain/pause-timers.js';

/** A run's input request as GraphQL resolves it: with the progress of its reminders and escalation, kept on the run. */
export type ShownInputRequest = InputRequest & { timers?: PauseTimers };

/** `run`'s input request (or `request`, the one a resume link answers) with the run's timers. */
export function shownInputRequest(run: FlowRun, request = run.inputRequest): ShownInputRequest | null {
  return request ? { ...request, timers: timersOf(run) } : null;
}
