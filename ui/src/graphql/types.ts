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
  /** The parameters class (`@Flow({ parameters })`); null without one, absent from older servers. */
  parametersType?: string | null;
  /** Its JSON schema: the Start form is generated from it. Null: parameters are any JSON. */
  parametersSchema?: JsonObject | null;
}

export interface InputRequest {
  key: string;
  inputType: string | null;
  /** What people read: the pause's title, the class's, or the choice's ("Approve or Reject"). Absent from older servers. */
  title?: string | null;
  schema: JsonObject | null;
  initialData: JsonObject | null;
  description: string | null;
  expiresAt: string | null;
  suspended: boolean;
  /** An approvals pause's progress (`pauseFlowRun({ approvals })`); absent otherwise. */
  approvals?: ApprovalsProgress | null;
  /** Reminders of the pause (`pauseFlowRun({ remind })`) sent so far; absent otherwise. */
  reminders?: PauseReminders | null;
  /** On a retried run asking again (`askAgainOnRetry`): who answered in which earlier attempt. */
  previousAnswer?: PreviousAnswer | null;
}

/** The answer an earlier attempt gave to a pause asked again on retry (its value is the initial data). */
export interface PreviousAnswer {
  principal: string | null;
  attempt: number;
  /** `input`, or `timeout` / `timeout-default` when nobody answered. */
  outcome: string;
}

/** How many times a waiting pause was announced again, of how many at most. */
export interface PauseReminders {
  times: number;
  sent: number;
}

/** Answers an approvals pause needs and has so far. */
export interface ApprovalsProgress {
  required: number;
  received: number;
  answeredBy: string[];
}

/** What a RUNNING run blocked in `receiveInput` waits for (sent with `sendInput`). */
export interface ReceiveRequest {
  inputTypes: string[];
  title: string;
  schema?: JsonObject | null;
  /** The key the flow waits for: the input must be sent with it. */
  key?: string | null;
  expiresAt: string | null;
}

/** An answer the run took: what, from whom, when. */
export interface AnsweredInput {
  key: string;
  inputType: string | null;
  title: string | null;
  value: JsonValue;
  /** Who answered (the principal's id); null for server code or when authentication is off. */
  principal: string | null;
  answeredAt: string;
  outcome: string;
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
  /** Loaded by the "Needs answer" list and the live stream only. */
  inputRequest?: Pick<InputRequest, 'key' | 'inputType' | 'title' | 'expiresAt' | 'suspended'> | null;
  receiving?: ReceiveRequest | null;
}

/** The "Needs answer" view: runs waiting for a person, soonest expiry first, with counts. */
export interface NeedsAnswer {
  counts: { paused: number; suspended: number; receiving: number; total: number };
  runs: FlowRunSummary[];
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
  receiving?: ReceiveRequest | null;
  /** Absent from older servers. */
  inputs?: AnsweredInput[];
  states: FlowRunStateRecord[];
  logs: FlowRunLog[];
}

/** One failed field of a resume, from `extensions.violations`. */
export interface InputViolation {
  path: string;
  constraints: Record<string, string>;
}
