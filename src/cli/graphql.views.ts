import type { InputViolation } from '../domain/errors/input-validation.error.js';

/* What the CLI's GraphQL documents select: plain JSON, as it comes over the wire. */

export type JsonObject = Record<string, unknown>;
export type { InputViolation };

export interface FlowView {
  name: string;
  version?: string;
  replays?: string[];
  description: string | null;
  inputTypes: string[];
  timeout: number | null;
  /** The parameters class (`@Flow({ parameters })`); null without one. */
  parametersType?: string | null;
  /** Its JSON schema: `runs start --param` types values by it. */
  parametersSchema?: JsonObject | null;
}

export interface FlowVersionView {
  flowName: string;
  version: string;
  current: boolean;
  servedHere: boolean;
  nodes: number;
  runs: number;
  scheduled: number;
  running: number;
  paused: number;
  suspended: number;
}

export interface FlowPatchView {
  patchId: string;
  versions: string[];
  oldPathRuns: number;
  markedRuns: number;
}

export interface InputRequestView {
  key: string;
  inputType: string | null;
  /** What it asks for as people read it ('Shirt order'); absent from servers before titles. */
  title?: string;
  description?: string | null;
  schema?: JsonObject | null;
  initialData?: unknown;
  expiresAt?: string | null;
  suspended?: boolean;
  /** What happens at `expiresAt` if nobody answers: 'fail' or 'resume' (with `timeoutDefault`). */
  onTimeout?: string;
  /** The answer the run goes on with then (`onTimeout` 'resume'); null without input. */
  timeoutDefault?: unknown;
  /** An approvals pause's progress; null for a pause taking one answer. */
  approvals?: ApprovalsView | null;
  /** `remind`: reminders sent so far and the next one; null without. */
  reminders?: RemindersView | null;
  /** `escalate`: to whom and when; null without. */
  escalation?: EscalationView | null;
}

/** `InputRequest.reminders`. */
export interface RemindersView {
  every: number;
  times: number;
  sent: number;
  nextAt: string | null;
}

/** `InputRequest.escalation`. */
export interface EscalationView {
  after: number;
  to: string[];
  at: string | null;
  escalatedAt: string | null;
}

/** `InputRequest.approvals`: answers needed and given so far. */
export interface ApprovalsView {
  required: number;
  received: number;
  answeredBy: string[];
  from: string[] | null;
}

/** What a run blocked in receiveInput waits for. */
export interface ReceiveRequestView {
  title: string;
  key: string | null;
  expiresAt: string | null;
}

/** `runs needs-answer`: runs waiting for someone, and how many. */
export interface NeedsAnswerView {
  counts: { paused: number; suspended: number; receiving: number; total: number };
  runs: RunView[];
}

export interface RunLogView {
  timestamp: string;
  level: string;
  message: string;
}

export interface RunStateView {
  timestamp: string;
  state: string;
  message: string | null;
}

export interface RunView {
  id: string;
  flowName: string;
  flowVersion?: string;
  state: string;
  stateMessage?: string | null;
  createdAt?: string;
  updatedAt?: string;
  parameters?: unknown;
  result?: unknown;
  error?: { name?: string; message?: string } | null;
  inputRequest?: InputRequestView | null;
  receiving?: ReceiveRequestView | null;
  states?: RunStateView[];
  logs?: RunLogView[];
}

export interface RunPageView {
  totalCount: number | null;
  hasNextPage: boolean;
  endCursor: string | null;
  runs: RunView[];
}

/** What `runs prune` deleted (or, with --dry-run, would delete). */
export interface PruneView {
  dryRun: boolean;
  count: number;
  /** The first 100, oldest first within each state. */
  runIds: string[];
  finishedBefore: string;
}
