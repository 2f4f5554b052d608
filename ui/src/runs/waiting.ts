import { receiveTitle, requestTitle } from './titles';
import type { FlowRunSummary } from '../graphql/types';

/** PAUSED or SUSPENDED with a pause to answer, or RUNNING while blocked in receiveInput. */
export function isWaitingForAnswer(run: FlowRunSummary): boolean {
  if (run.state === 'PAUSED' || run.state === 'SUSPENDED') return true;
  return run.state === 'RUNNING' && Boolean(run.receiving);
}

/** When the wait times out, if it does. */
export function waitExpiry(run: FlowRunSummary): string | null {
  return run.inputRequest?.expiresAt ?? run.receiving?.expiresAt ?? null;
}

/** What the run asks for, in words. */
export function waitTitle(run: FlowRunSummary): string {
  if (run.receiving) return receiveTitle(run.receiving);
  return run.inputRequest ? requestTitle(run.inputRequest) : 'Go-ahead';
}
