import type { InputClass } from '../inputs/run-input.js';

/** A flow found at bootstrap, ready to execute. */
export interface FlowDefinition {
  name: string;
  description: string | null;
  timeout: number | null;
  inputs: InputClass[];
  /** `ProviderClass.method`, for messages. */
  source: string;
  invoke(parameters: unknown): Promise<unknown>;
}

/** A task method found at bootstrap. */
export interface TaskDefinition {
  name: string;
  key: string | null;
  source: string;
}
