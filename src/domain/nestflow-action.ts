/**
 * What a caller asks to do; `security.authorize` decides per action. `replay`: an operator moves
 * a waiting run to the current version of its flow (`replayOnCurrentVersion`). `retry`: an
 * operator sends a FAILED run back to be replayed (`retryFlowRun`). `prune`: an operator
 * deletes finished runs of every flow (`pruneFlowRuns`), asked once per call with flow name `'*'`.
 */
export type NestflowAction = 'create' | 'read' | 'resume' | 'cancel' | 'send' | 'replay' | 'retry' | 'prune';
