import type { FlowRunState } from '../runs/flow-run-state.js';
import type { FlowRun, FlowRunLog } from '../runs/flow-run.js';

/** A run moved to PAUSED or SUSPENDED and waits for input. */
export interface RunPausedEvent {
  type: 'run.paused';
  runId: string;
  flowName: string;
  /** The run as it was at the event, when the publisher had it (in-process buses always do). */
  run?: FlowRun;
}

/** Any state change. */
export interface RunStateEvent {
  type: 'run.state';
  runId: string;
  flowName: string;
  state: FlowRunState;
  run?: FlowRun;
}

/** A line from `getRunLogger()`. */
export interface RunLogEvent {
  type: 'run.log';
  runId: string;
  flowName: string;
  log: FlowRunLog;
}

/** Input for pause `key` was accepted and stored. */
export interface RunResumedEvent {
  type: 'run.resumed';
  runId: string;
  flowName: string;
  key: string;
}

export type NestflowEvent = RunPausedEvent | RunStateEvent | RunLogEvent | RunResumedEvent;
export type NestflowEventType = NestflowEvent['type'];
export type EventOf<T extends NestflowEventType> = Extract<NestflowEvent, { type: T }>;
