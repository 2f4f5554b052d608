/** Why an execution ended in this process while its run goes on elsewhere or later. */
export type ExecutionEndReason = 'suspended' | 'handed-over' | 'store-failed';

const WHAT: Record<ExecutionEndReason, string> = {
  suspended: 'suspended',
  'handed-over': 'was handed over',
  'store-failed': 'could not write to the store',
};

/**
 * Thrown through a flow when its execution in this process ends without the run ending:
 * it suspended, it was handed over (shutdown, taken over), or a durable write failed (the
 * runner then hands the run back so it replays). Flows should not catch it; if one does, every
 * later durable call throws it again.
 */
export class ExecutionEndedSignal extends Error {
  constructor(
    readonly reason: ExecutionEndReason,
    runId: string,
    options?: { cause?: unknown },
  ) {
    super(`Flow run "${runId}" ${WHAT[reason]}; this execution ends here.`, options);
    this.name = 'ExecutionEndedSignal';
  }
}
