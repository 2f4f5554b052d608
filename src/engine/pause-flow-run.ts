import type { RunInput } from '../inputs/run-input.js';
import type { PauseOptions } from './pause-options.js';
import { requireRunContext } from './run-context.js';

/**
 * Pauses the current flow run until a client resumes it. With `waitForInput`, resolves to a
 * validated instance of the input class; invalid input never reaches the flow.
 */
export function pauseFlowRun<T extends RunInput>(
  options: PauseOptions<T> & { waitForInput: NonNullable<PauseOptions<T>['waitForInput']> },
): Promise<T>;
export function pauseFlowRun(options?: Omit<PauseOptions, 'waitForInput'>): Promise<void>;
export function pauseFlowRun(options: PauseOptions = {}): Promise<unknown> {
  const context = requireRunContext('pauseFlowRun');
  return context.pauses.pause(context, options);
}
