import type { InputClass } from '../inputs/run-input.js';
import type { ParametersClass } from './flow-parameters.js';

/** The version of a flow whose `@Flow()` names none (and of runs stored before versions were). */
export const DEFAULT_FLOW_VERSION = '1';

/** A flow found at bootstrap, ready to execute. */
export interface FlowDefinition {
  name: string;
  description: string | null;
  /** `@Flow({ version })`: recorded on each run at its start. */
  version: string;
  /** `@Flow({ replays })`: older versions whose runs this code replays too. */
  replays: string[];
  timeout: number | null;
  /** Extra attempts of the whole flow after a failure (completed tasks are kept). */
  retries: number;
  /** Seconds before a flow retry. */
  retryDelay: number;
  /** `@Flow({ askAgainOnRetry })`: pauses of a retried run ask again (unless a pause says otherwise). */
  askAgainOnRetry: boolean;
  inputs: InputClass[];
  /** `@Flow({ parameters })`: the class a new run's parameters are validated against and the method receives; null: any JSON. */
  parameters: ParametersClass | null;
  /** Roles allowed to resume, cancel or send input over GraphQL; null: no role needed. */
  resumableBy: string[] | null;
  /** `ProviderClass.method`, for messages. */
  source: string;
  /** Calls the flow method with the run's parameters (an instance of `parameters` when it is set). */
  invoke(parameters: unknown): Promise<unknown>;
}

/** A task method found at bootstrap. */
export interface TaskDefinition {
  name: string;
  key: string | null;
  retries: number;
  retryDelay: number;
  source: string;
}
