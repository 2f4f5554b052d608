import type { ApprovalsProgress } from './approvals.js';

/** A JSON schema object (draft-07 flavoured, as class-validator-jsonschema emits). */
export type JsonSchema = Record<string, unknown>;

/** What a paused run waits for; stored on the run and sent to clients. */
export interface InputRequest {
  /** The pause key (`pause-1`, … or the key given to pauseFlowRun). */
  key: string;
  /** Input class name (`A | B` for a choice), or null when the pause takes no input. */
  inputType: string | null;
  /** Every class the pause accepts; with more than one, the input names its class in `inputType`. */
  inputTypes?: string[];
  schema: JsonSchema | null;
  /**
   * What people see as the request's name (`pauseFlowRun({ title })`, else the class's title).
   * Absent on requests stored before titles: readers compute it (`requestTitle`).
   */
  title?: string;
  initialData: Record<string, unknown> | null;
  description: string | null;
  /** ISO timestamp after which the pause times out. */
  expiresAt: string | null;
  /** Seconds the pause waits in all. */
  timeout?: number;
  /** True for suspendFlowRun: the flow is not in memory and is replayed on resume. */
  suspended: boolean;
  /** Several answers from distinct principals (`pauseFlowRun({ approvals })`), and those given so far. */
  approvals?: ApprovalsProgress;
  /** Internal: the pause's position among the run's durable calls (replay check). */
  step?: number;
  /**
   * What the timeout does when it is not a failure (`timeout: { then: 'resume' }`): the answer,
   * validated when the pause was made, that any node applies at the deadline without the flow's
   * code. Absent: the timeout fails the pause (PauseTimeoutError).
   */
  onTimeout?: TimeoutDefault;
  /**
   * A pause asked again on a retry (`askAgainOnRetry`): the outcome an earlier attempt of the
   * run recorded here, which the flow no longer replays. Absent for a pause asked the first time.
   */
  previousAnswer?: PreviousAnswer;
  /** `pauseFlowRun({ remind })`: the pause is announced again while it waits. Absent: no reminders. */
  reminders?: PauseReminders;
  /** `pauseFlowRun({ escalate })`: after a while, more principals may answer. Absent: no escalation. */
  escalation?: PauseEscalation;
}

/** `remind` as a pause's request keeps it: announce the pause again every `every` seconds, `times` times at most. */
export interface PauseReminders {
  every: number;
  times: number;
}

/** `escalate` as a pause's request keeps it: after `after` seconds, `to` (principal ids or roles) may answer too. */
export interface PauseEscalation {
  after: number;
  to: string[];
}

/** What an earlier attempt of a run answered at a pause that asks again (`InputRequest.previousAnswer`). */
export interface PreviousAnswer {
  /** The class answered with (one of a choice's), or null for a pause without input. */
  inputType: string | null;
  /** The answer as stored (an approvals pause: every answer); null for a timeout. */
  value: unknown;
  /** `input`, `timeout` (it expired), `timeout-default` (it went on with its default) or `approvals`. */
  outcome: string;
  /** Who gave it (audit id); null for a server-side resume or a timeout. */
  principal: string | null;
  /** ISO timestamp of when it was stored. */
  answeredAt: string;
  /** The run's attempt that gave it. */
  attempt: number;
}

/** The default answer a pause resumes with when it times out. */
export interface TimeoutDefault {
  then: 'resume';
  /** The class answered with (one of a choice's), or null for a pause that takes no input. */
  inputType: string | null;
  /** The validated answer as plain JSON; null for a pause that takes no input. */
  value: Record<string, unknown> | null;
}

/** When the pause was requested, in ms since the epoch (its expiry less its timeout); null when unknown. */
export function pauseRequestedAt(request: InputRequest | null | undefined): number | null {
  if (!request?.expiresAt || !request.timeout) return null;
  return Date.parse(request.expiresAt) - request.timeout * 1000;
}
