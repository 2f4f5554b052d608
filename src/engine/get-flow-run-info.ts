import { requireRunContext } from './run-context.js';

/** Facts about the flow run executing this code. */
export interface FlowRunInfo {
  id: string;
  flowName: string;
  /** 1, then 2, … when `@Flow({ retries })` re-runs the flow. */
  attempt: number;
}

/** The id and name of the flow run executing this code (inside a flow or a task it calls). */
export function getFlowRunInfo(): FlowRunInfo {
  const { run } = requireRunContext('getFlowRunInfo');
  return { id: run.id, flowName: run.flowName, attempt: run.attempt };
}
