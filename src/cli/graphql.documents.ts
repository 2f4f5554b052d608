/** The GraphQL documents the CLI sends (schema.gql is the contract). */

const INPUT_REQUEST =
  'inputRequest { key inputType title description schema initialData expiresAt suspended onTimeout timeoutDefault approvals { required received answeredBy from }' +
  ' reminders { every times sent nextAt } escalation { after to at escalatedAt } }';
const RUN_SUMMARY = 'id flowName flowVersion state stateMessage createdAt updatedAt';

export const FLOWS =
  'query Flows { flows { name version replays description inputTypes timeout parametersType parametersSchema } }';

export const FLOW_PARAMETERS = 'query FlowParameters { flows { name parametersSchema } }';

export const FLOW_RUNS = `query FlowRuns($filter: FlowRunFilter, $first: Int, $after: String) {
  flowRuns(filter: $filter, first: $first, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { node { ${RUN_SUMMARY} inputRequest { key inputType title } } }
  }
}`;

export const FLOW_RUN = `query FlowRun($id: ID!) {
  flowRun(id: $id) {
    ${RUN_SUMMARY} parameters result error ${INPUT_REQUEST}
    states { timestamp state message }
    logs { timestamp level message }
  }
}`;

export const CREATE_FLOW_RUN = `mutation CreateFlowRun($flowName: String!, $parameters: JSON) {
  createFlowRun(flowName: $flowName, parameters: $parameters) { ${RUN_SUMMARY} parameters }
}`;

export const RESUME_RUN = `mutation ResumeRun($id: ID!, $input: JSON, $key: String, $requestId: String) {
  resumeRun(id: $id, input: $input, key: $key, requestId: $requestId) { ${RUN_SUMMARY} }
}`;

export const CANCEL_FLOW_RUN = `mutation CancelFlowRun($id: ID!, $requestId: String, $reason: String) {
  cancelFlowRun(id: $id, requestId: $requestId, reason: $reason) { ${RUN_SUMMARY} }
}`;

export const FLOW_VERSIONS = `query FlowVersions($flowName: String) {
  flowVersions(flowName: $flowName) { flowName version current servedHere nodes runs scheduled running paused suspended }
}`;

export const FLOW_PATCHES = `query FlowPatches($flowName: String!) {
  flowPatches(flowName: $flowName) { patchId versions oldPathRuns markedRuns }
}`;

export const REPLAY_ON_CURRENT_VERSION = `mutation ReplayOnCurrentVersion($id: ID!, $reason: String) {
  replayFlowRunOnCurrentVersion(id: $id, reason: $reason) { ${RUN_SUMMARY} }
}`;

export const PRUNE_FLOW_RUNS = `mutation PruneFlowRuns($olderThan: String!, $states: [FlowRunState!], $dryRun: Boolean) {
  pruneFlowRuns(olderThan: $olderThan, states: $states, dryRun: $dryRun) { dryRun count runIds finishedBefore }
}`;

/**
 * A pause is a state change to PAUSED or SUSPENDED with its inputRequest set, so one subscription
 * shows both, in the order they happened (flowRunPaused on a second subscription could overtake).
 */
export const RUN_STATE_CHANGED = `subscription RunStateChanged($id: ID, $flowName: String) {
  flowRunStateChanged(id: $id, flowName: $flowName) { ${RUN_SUMMARY} ${INPUT_REQUEST} }
}`;

export const RETRY_FLOW_RUN = `mutation RetryFlowRun($id: ID!, $reason: String, $fromStep: Int) {
  retryFlowRun(id: $id, reason: $reason, fromStep: $fromStep) { ${RUN_SUMMARY} }
}`;

export const RUNS_NEEDING_ANSWER = `query RunsNeedingAnswer($flowName: String, $first: Int) {
  runsNeedingAnswer(flowName: $flowName, first: $first) {
    counts { paused suspended receiving total }
    runs { id flowName state createdAt inputRequest { key title expiresAt } receiving { title key expiresAt } }
  }
}`;
