import type { InitialDataRequest, InputClass, RunInput } from '../inputs/run-input.js';
import type { ApprovalOptions } from './approvals/approval-options.js';
import type { Approvals } from './approvals/approvals.result.js';
import type { PauseOptions } from './pause-options.js';
import { requireRunContext } from './run-context.js';
import { executorsOf } from './run-executors.provider.js';

type WithInput<T extends RunInput> = PauseOptions<T> & { waitForInput: InputClass<T> | InitialDataRequest<T> };
/** Several classes: resolves to an instance of whichever the answer chose. */
type WithChoice<C extends InputClass[]> = Omit<PauseOptions, 'waitForInput'> & { waitForInput: [...C] };
/** Several answers to one pause: resolves to all of them. */
type Approving<O, R extends InputClass = InputClass> = Omit<O, 'approvals'> & { approvals: ApprovalOptions<R> };

/**
 * Pauses the current flow run until a client resumes it; the flow waits in memory. With
 * `waitForInput`, resolves to a validated instance of the input class; invalid input never
 * reaches the flow. With `approvals`, waits for several principals' answers and resolves to
 * all of them (`Approvals`).
 */
export function pauseFlowRun<C extends InputClass[]>(
  options: Approving<WithChoice<C>, C[number]>,
): Promise<Approvals<InstanceType<C[number]>>>;
export function pauseFlowRun<T extends RunInput>(options: Approving<WithInput<T>>): Promise<Approvals<T>>;
export function pauseFlowRun(options: Approving<Omit<PauseOptions, 'waitForInput'>>): Promise<Approvals<undefined>>;
export function pauseFlowRun<C extends InputClass[]>(options: WithChoice<C>): Promise<InstanceType<C[number]>>;
export function pauseFlowRun<T extends RunInput>(options: WithInput<T>): Promise<T>;
export function pauseFlowRun(options?: Omit<PauseOptions, 'waitForInput'>): Promise<void>;
export function pauseFlowRun(options: PauseOptions = {}): Promise<unknown> {
  const context = requireRunContext('pauseFlowRun');
  return executorsOf(context).pauses.wait(context, options, 'pause');
}

/**
 * Like `pauseFlowRun`, but the run leaves memory: the run becomes SUSPENDED and this
 * execution ends. A resume replays the flow from the start; completed tasks return their
 * stored results and this call returns the stored input.
 */
export function suspendFlowRun<C extends InputClass[]>(
  options: Approving<WithChoice<C>, C[number]>,
): Promise<Approvals<InstanceType<C[number]>>>;
export function suspendFlowRun<T extends RunInput>(options: Approving<WithInput<T>>): Promise<Approvals<T>>;
export function suspendFlowRun(options: Approving<Omit<PauseOptions, 'waitForInput'>>): Promise<Approvals<undefined>>;
export function suspendFlowRun<C extends InputClass[]>(options: WithChoice<C>): Promise<InstanceType<C[number]>>;
export function suspendFlowRun<T extends RunInput>(options: WithInput<T>): Promise<T>;
export function suspendFlowRun(options?: Omit<PauseOptions, 'waitForInput'>): Promise<void>;
export function suspendFlowRun(options: PauseOptions = {}): Promise<unknown> {
  const context = requireRunContext('suspendFlowRun');
  return executorsOf(context).pauses.wait(context, options, 'suspend');
}
