import type { InitialDataRequest, InputClass, InputData, RunInput } from '../inputs/run-input.js';
import type { ApprovalOptions } from './approvals/approval-options.js';
import type { EscalateOptions, RemindOptions } from './pause-timer-options.js';

/** Options of `pauseFlowRun` / `suspendFlowRun`. */
export interface PauseOptions<T extends RunInput = RunInput> {
  /**
   * The input class to wait for (or `Class.withInitialData({...})`, or several classes: the
   * answer names its class in `inputType` and the flow gets an instance of that one); without
   * it the resume carries no input.
   */
  waitForInput?: InputClass<T> | InitialDataRequest<T> | Array<InputClass<T>>;
  /**
   * Seconds to wait before PauseTimeoutError (default 3600), or what to do then:
   * `{ after, then: 'fail' }` is the same as `after`; `{ after, then: 'resume', with }` resumes
   * the run with the default answer `with` (validated now, at the pause), or without `with`
   * with the pause's initial data (a pause without `waitForInput` resumes with no input).
   */
  timeout?: number | PauseTimeout<T>;
  /** Key of this pause; default `pause-<n>` by order of pauses in the run. */
  key?: string;
  /** Shown to whoever answers. */
  description?: string;
  /**
   * The request's name as people read it ('Decision'); default: the input class's title
   * (`@Describe`, or its readable name), the titles joined with ' or ' for several classes,
   * 'Go-ahead' without input.
   */
  title?: string;
  /**
   * Wait for answers from several distinct principals (`{ required: 2, from: ['finance', 'cto'] }`):
   * the pause resolves to every answer (`Approvals`) once `required` are in. Default: one answer.
   */
  approvals?: ApprovalOptions;
  /**
   * On a retried run (`@Flow({ retries })`, or an operator's retry), ask again instead of
   * replaying the answer an earlier attempt gave: the request shows that answer as its initial
   * data and as `previousAnswer`, and the steps after this pause run again with the new answer.
   * A timed-out pause asks again too. Default: `@Flow({ askAgainOnRetry })`, else false.
   */
  askAgainOnRetry?: boolean;
  /**
   * Announce the pause again while it waits (`{ every: 4 * 3600, times: 3 }`): `@OnFlowRunPaused`
   * handlers get `{ reminder: n }`, webhook bodies `reminder: n`. Durable: the sweeper sends them
   * on any node, across restarts, each at most once; none once the pause is answered, cancelled
   * or past its deadline. Default: no reminders.
   */
  remind?: RemindOptions;
  /**
   * After `after` seconds, announce the pause again (`{ escalated: true, escalatedTo }`) and let
   * the principals in `to` answer too (`{ after: 24 * 3600, to: ['cto'] }`). Default: none.
   */
  escalate?: EscalateOptions;
}

export const DEFAULT_PAUSE_TIMEOUT_SECONDS = 3600;

/** `timeout` of `pauseFlowRun` / `suspendFlowRun` in its long form: how long, and then what. */
export interface PauseTimeout<T extends RunInput = RunInput> {
  /** Seconds to wait; must be positive. */
  after: number;
  /** `fail`: PauseTimeoutError (as the number form); `resume`: go on with the default answer. */
  then: 'fail' | 'resume';
  /**
   * The default answer (`then: 'resume'` only): fields of the input class, absent ones taken from
   * the initial data; for a choice of classes it names its class in `inputType`, as an answer does.
   */
  with?: InputData<T> | (Record<string, unknown> & { inputType: string });
}
