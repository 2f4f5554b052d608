/**
 * Every GraphQL document the inbox sends. Documents that read fields a server before nestflow
 * 0.2 lacks (titles, `receiving`, `inputs`, `runsNeedingAnswer`, parameters schemas) have a `LEGACY_` twin, sent
 * when the server refuses the first (see compat.ts).
 */
const SUMMARY = 'id flowName flowVersion state stateMessage version createdAt updatedAt';
const WAITING = 'inputRequest { key inputType title expiresAt suspended } receiving { inputTypes title key expiresAt }';
const LEGACY_WAITING = 'inputRequest { key inputType expiresAt suspended }';
const DETAIL_REST = `parameters result error
  states { id state message timestamp }
  logs { id level message timestamp }`;
const DETAIL = `${SUMMARY} ${DETAIL_REST}
  inputRequest { key inputType inputTypes title schema initialData description expiresAt suspended
    approvals { required received answeredBy } reminders { times sent }
    previousAnswer { principal attempt outcome } }
  receiving { inputTypes title schema key expiresAt }
  inputs { key inputType title value principal answeredAt outcome }`;
const LEGACY_DETAIL = `${SUMMARY} ${DETAIL_REST}
  inputRequest { key inputType inputTypes schema initialData description expiresAt suspended }`;

export const FLOWS = 'query Flows { flows { name description timeout inputTypes parametersType parametersSchema } }';
export const LEGACY_FLOWS = 'query Flows { flows { name description timeout inputTypes } }';

export const FLOW_RUNS = `query FlowRuns($filter: FlowRunFilter, $first: Int) {
  flowRuns(filter: $filter, first: $first) { totalCount edges { node { ${SUMMARY} } } }
}`;

/** Whether the store has any run at all (for "No runs yet" against "No runs match"). */
export const ANY_RUN = 'query AnyRun { flowRuns(first: 1) { edges { node { id } } } }';

/** The parameters the latest run of a flow started with, as an example for the next. */
export const LAST_PARAMETERS = `query LastParameters($flowName: String!) {
  flowRuns(filter: { flowName: $flowName }, first: 1) { edges { node { id parameters } } }
}`;

export const NEEDS_ANSWER = `query NeedsAnswer($flowName: String, $first: Int) {
  runsNeedingAnswer(flowName: $flowName, first: $first) {
    counts { paused suspended receiving total }
    runs { ${SUMMARY} ${WAITING} }
  }
}`;
export const LEGACY_NEEDS_ANSWER = `query NeedsAnswer($flowName: String, $first: Int) {
  flowRuns(filter: { flowName: $flowName, states: [PAUSED, SUSPENDED] }, first: $first) {
    edges { node { ${SUMMARY} ${LEGACY_WAITING} } }
  }
}`;

export const FLOW_RUN = `query FlowRun($id: ID!) { flowRun(id: $id) { ${DETAIL} } }`;
export const LEGACY_FLOW_RUN = `query FlowRun($id: ID!) { flowRun(id: $id) { ${LEGACY_DETAIL} } }`;

export const RUN_STATE_CHANGED = `subscription RunStateChanged($id: ID, $flowName: String) {
  flowRunStateChanged(id: $id, flowName: $flowName) { ${SUMMARY} ${WAITING} }
}`;
export const LEGACY_RUN_STATE_CHANGED = `subscription RunStateChanged($id: ID, $flowName: String) {
  flowRunStateChanged(id: $id, flowName: $flowName) { ${SUMMARY} ${LEGACY_WAITING} }
}`;

export const RUN_LOGS = `subscription RunLogs($id: ID!) { flowRunLogs(id: $id) { id level message timestamp } }`;

export const CREATE_FLOW_RUN = `mutation CreateFlowRun($flowName: String!, $parameters: JSON) {
  createFlowRun(flowName: $flowName, parameters: $parameters) { ${SUMMARY} }
}`;

export const RESUME_RUN = `mutation ResumeRun($id: ID!, $input: JSON, $key: String) {
  resumeRun(id: $id, input: $input, key: $key) { ${SUMMARY} }
}`;

export const SEND_INPUT = `mutation SendInput($id: ID!, $input: JSON!, $inputType: String!, $key: String) {
  sendInput(id: $id, input: $input, inputType: $inputType, key: $key) { key duplicate }
}`;

export const CANCEL_FLOW_RUN = `mutation CancelFlowRun($id: ID!, $reason: String) {
  cancelFlowRun(id: $id, reason: $reason) { ${SUMMARY} }
}`;
export const RETRY_FLOW_RUN = `mutation RetryFlowRun($id: ID!, $reason: String) { retryFlowRun(id: $id, reason: $reason) { ${SUMMARY} } }`;
