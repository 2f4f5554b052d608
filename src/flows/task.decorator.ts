import { SetMetadata } from '@nestjs/common';

export const TASK_METADATA = 'nestflow:task';

/** Options of `@Task()`. */
export interface TaskOptions {
  /** Task name in keys and the store. Default: the method name in kebab case. */
  name?: string;
  /** Fixed key for the call instead of `<task-name>-<n>`; use it for a task called once per run. */
  key?: string;
  /** Extra attempts after a failure. Default 0. */
  retries?: number;
  /** Seconds before the first retry; doubles for each further one. Default 1. */
  retryDelay?: number;
}

/**
 * Marks a provider method as a task: when a flow calls it, the call gets a deterministic key and
 * its state and JSON result are stored in `task_runs`. Outside a flow it is a plain method call.
 */
export const Task = (options: TaskOptions = {}): MethodDecorator => SetMetadata(TASK_METADATA, options);
