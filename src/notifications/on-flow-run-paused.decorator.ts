import { SetMetadata } from '@nestjs/common';

export const ON_FLOW_RUN_PAUSED = 'nestflow:on-flow-run-paused';

/** What `@OnFlowRunPaused` recorded: the flow it listens to, or all flows. */
export interface OnFlowRunPausedMetadata {
  flowName: string | null;
}

/**
 * Calls the decorated provider method with the run (and its `inputRequest`) each time a run
 * pauses or suspends, on the node where that happened (once per pause across nodes), and again
 * for each reminder and escalation of the pause (`remind`, `escalate`: on the node that sent it,
 * at most once across nodes). The second argument, a `PauseNotice`, tells them apart: `{}` for
 * the pause, `{ reminder: n }`, `{ escalated: true, escalatedTo }`. Use it to tell people:
 * e-mail a signed resume link, post to chat. A failing handler never affects the run.
 */
export const OnFlowRunPaused = (flowName?: string): MethodDecorator =>
  SetMetadata(ON_FLOW_RUN_PAUSED, { flowName: flowName ?? null } satisfies OnFlowRunPausedMetadata);
