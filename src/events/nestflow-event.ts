import type { FlowRunState } from '../domain/flow-run-state.js';
import type { FlowRun, FlowRunLog } from '../domain/flow-run.js';
import type { PauseNotice } from '../domain/pause-timers.js';

/** Set on events that another node published (they carry ids and small fields only). */
export interface EventOrigin {
  remote?: boolean;
}

/** A run moved to PAUSED or SUSPENDED and waits for input; or, with `notice`, a waiting pause is announced again. */
export interface RunPausedEvent extends EventOrigin {
  type: 'run.paused';
  runId: string;
  flowName: string;
  /** The run as it was at the event, when the publisher had it (in-process buses always do). */
  run?: FlowRun;
  /**
   * A reminder or an escalation of a pause that waits already (`remind`, `escalate`): published
   * on the node that claimed it, to its own listeners only. Absent for the pause itself.
   */
  notice?: PauseNotice;
}

/** Any state change. */
export interface RunStateEvent extends EventOrigin {
  type: 'run.state';
  runId: string;
  flowName: string;
  state: FlowRunState;
  run?: FlowRun;
}

/** A line from `getRunLogger()`. */
export interface RunLogEvent extends EventOrigin {
  type: 'run.log';
  runId: string;
  flowName: string;
  log: FlowRunLog;
}

/** Input for pause `key` was accepted and stored. */
export interface RunResumedEvent extends EventOrigin {
  type: 'run.resumed';
  runId: string;
  flowName: string;
  key: string;
  /** The run as resumed and the input as stored, when they fit the event: the holder then wakes without a read. */
  run?: FlowRun;
  input?: { inputType: string | null; value: unknown };
}

/** An input was sent to the run's mailbox (`sendInput`). */
export interface RunInputEvent extends EventOrigin {
  type: 'run.input';
  runId: string;
  flowName: string;
  key: string;
  inputType: string;
}

export type NestflowEvent = RunPausedEvent | RunStateEvent | RunLogEvent | RunResumedEvent | RunInputEvent;
export type NestflowEventType = NestflowEvent['type'];
export type EventOf<T extends NestflowEventType> = Extract<NestflowEvent, { type: T }>;
