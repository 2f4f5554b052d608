/**
 * Thrown through a flow when its execution in this process ends without the run ending:
 * it suspended, or it was handed over (shutdown, lost lease). The runner writes nothing then.
 * Flows should not catch it; if one does, every later durable call throws it again.
 */
export class ExecutionEndedSignal extends Error {
  constructor(
    readonly reason: 'suspended' | 'handed-over',
    runId: string,
  ) {
    super(`Flow run "${runId}" ${reason === 'suspended' ? 'suspended' : 'was handed over'}; this execution ends here.`);
    this.name = 'ExecutionEndedSignal';
  }
}
