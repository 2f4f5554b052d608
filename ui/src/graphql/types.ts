/** The slice of schema.gql the inbox reads. */
export const FLOW_RUN_STATES = ['SCHEDULED', 'RUNNING', 'PAUSED', 'SUSPENDED', 'COMPLETED', 'FAILED', 'CANCELLED'] as const;
export type FlowRunState = (typeof FLOW_RUN_STATES)[number];

export const WAITING_STATES: readonly FlowRunState[] = ['PAUSED', 'SUSPENDED'];
export const FINAL_STATES: readonly FlowRunState[] = ['COMPLETED', 'FAILED', 'CANCELLED'];

export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

export interface FlowDefinition {
  name: string;
  description: string | null;
  timeout: number | null;
  inputTypes: string[];
}

export interface InputRequest {
  key: string;
  inputType: string | null;
  schema: JsonObject | null;
  initialData: JsonObject | null;
  description: string | null;
  expiresAt: string | null;
  suspended: boolean;
}

/** A run as the list shows it. */
export interface FlowRunSummary {
  id: string;
  flowName: string;
  /** The version of the flow's code the run started on. */
  flowVersion: string;
  state: FlowRunState;
  stateMessage: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface FlowRunStateRecord {
  id: string;
  state: FlowRunState;
  message: string | null;
  timestamp: string;
}

export interface FlowRunLog {
  id: string;
  level: string;
  message: string;
  timestamp: string;
}

/** A run with everything the detail view shows. */
export interface FlowRunDetail extends FlowRunSummary {
  parameters: JsonValue;
  result: JsonValue;
  error: { name?: string; message?: string; stack?: string } | null;
  inputRequest: InputRequest | null;
  states: FlowRunStateRecord[];
  logs: FlowRunLog[];
}

/** One failed field of a resume, from `extensions.violations`. */
export interface InputViolation {
  path: string;
  constraints: Record<string, string>;
}
