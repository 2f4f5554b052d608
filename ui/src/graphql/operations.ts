/** Every GraphQL document the inbox sends. */
const SUMMARY = 'id flowName flowVersion state stateMessage version createdAt updatedAt';
const DETAIL = `${SUMMARY} parameters result error
  inputRequest { key inputType schema initialData description expiresAt suspended }
  states { id state message timestamp }
  logs { id level message timestamp }`;

export const FLOWS = 'query Flows { flows { name description timeout inputTypes } }';

export const FLOW_RUNS = `query FlowRuns($filter: FlowRunFilter, $first: Int) {
  flowRuns(filter: $filter, first: $first) { totalCount edges { node { ${SUMMARY} } } }
}`;

export const FLOW_RUN = `query FlowRun($id: ID!) { flowRun(id: $id) { ${DETAIL} } }`;

export const RUN_STATE_CHANGED = `subscription RunStateChanged($id: ID, $flowName: String) {
  flowRunStateChanged(id: $id, flowName: $flowName) { ${SUMMARY} }
}`;

export const RUN_LOGS = `subscription RunLogs($id: ID!) { flowRunLogs(id: $id) { id level message timestamp } }`;

export const CREATE_FLOW_RUN = `mutation CreateFlowRun($flowName: String!, $parameters: JSON) {
  createFlowRun(flowName: $flowName, parameters: $parameters) { ${SUMMARY} }
}`;

export const RESUME_RUN = `mutation ResumeRun($id: ID!, $input: JSON, $key: String) {
  resumeRun(id: $id, input: $input, key: $key) { ${SUMMARY} }
}`;

export const CANCEL_FLOW_RUN = `mutation CancelFlowRun($id: ID!) { cancelFlowRun(id: $id) { ${SUMMARY} } }`;
export const RETRY_FLOW_RUN = `mutation RetryFlowRun($id: ID!, $reason: String) { retryFlowRun(id: $id, reason: $reason) { ${SUMMARY} } }`;
