import { approvalsLine } from './approvals.format.js';
import type { FlowView, InputRequestView, InputViolation, NeedsAnswerView, RunPageView, RunView } from './graphql.views.js';
import { escalationRow, remindersRow } from './pause-timers.format.js';
import { schemaFields } from './schema-fields.format.js';
import { time } from './time.format.js';

/* Human-readable output: pure functions from what the server sent to lines of text. */

export { time };

/** Columns padded to their widest cell; the last column is not padded. */
export function table(header: string[], rows: string[][]): string[] {
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column].length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, column) => (column === cells.length - 1 ? cell : cell.padEnd(widths[column])))
      .join('  ')
      .trimEnd();
  return [line(header), ...rows.map(line)];
}

/** Label/value rows, labels padded to one width. */
export function fieldList(rows: string[][]): string[] {
  return table(rows[0], rows.slice(1));
}

/** Compact JSON for one-line fields. */
export function json(value: unknown): string {
  return value === undefined ? '-' : JSON.stringify(value);
}

export function flowsTable(flows: FlowView[]): string[] {
  if (!flows.length) return ['No flows are registered on this server.'];
  const parameterised = flows.filter((flow) => flow.parametersSchema);
  return [...flowRows(flows), ...parameterised.flatMap(parameterLines)];
}

/** A flow's parameters fields, under the table: `Parameters of buy-shirt (--param name=value)`. */
function parameterLines(flow: FlowView): string[] {
  const type = flow.parametersType ? `${flow.parametersType}, ` : '';
  return [
    '',
    `Parameters of ${flow.name} (${type}runs start ${flow.name} --param name=value)`,
    ...indent(schemaFields(flow.parametersSchema!)),
  ];
}

function flowRows(flows: FlowView[]): string[] {
  return table(
    ['NAME', 'VERSION', 'INPUTS', 'TIMEOUT', 'DESCRIPTION'],
    flows.map((flow) => [
      flow.name,
      (flow.version ?? '-') + (flow.replays?.length ? ` (replays ${flow.replays.join(', ')})` : ''),
      flow.inputTypes.join(', ') || '-',
      flow.timeout ? `${flow.timeout}s` : '-',
      flow.description ?? '',
    ]),
  );
}

export function runsTable(page: RunPageView): string[] {
  if (!page.runs.length) return ['No runs match.'];
  const rows = page.runs.map((run) => [
    run.id,
    run.flowName,
    run.flowVersion ?? '-',
    run.state,
    time(run.updatedAt),
    run.inputRequest ? `${requestName(run.inputRequest)} (key ${run.inputRequest.key})` : '',
  ]);
  const shown = page.hasNextPage
    ? [`${page.runs.length} ${page.totalCount === null ? '' : `of ${page.totalCount} `}runs; more with --after ${page.endCursor}`]
    : [];
  return [...table(['ID', 'FLOW', 'VERSION', 'STATE', 'UPDATED', 'WAITING FOR'], rows), ...shown];
}

/** `runs show`: the run, what it waits for, its history and its logs. */
export function runDetails(run: RunView): string[] {
  const lines = fieldList([
    ['Run', run.id],
    ['Flow', run.flowVersion ? `${run.flowName} (version ${run.flowVersion})` : run.flowName],
    ['State', run.stateMessage ? `${run.state} (${run.stateMessage})` : run.state],
    ['Created', time(run.createdAt)],
    ['Updated', time(run.updatedAt)],
    ['Parameters', json(run.parameters ?? null)],
    ...(run.result !== null && run.result !== undefined ? [['Result', json(run.result)]] : []),
    ...(run.error ? [['Error', `${run.error.name ?? 'Error'}: ${run.error.message ?? ''}`]] : []),
  ]);
  if (run.inputRequest) lines.push('', ...inputRequestDetails(run.id, run.inputRequest));
  const history = (run.states ?? []).map((record) => [time(record.timestamp), record.state, record.message ?? '']);
  lines.push('', 'History', ...indent(table(['TIME', 'STATE', 'MESSAGE'], history)));
  const logs = (run.logs ?? []).map((log) => [time(log.timestamp), log.level, log.message]);
  lines.push('', logs.length ? 'Logs' : 'Logs: none');
  if (logs.length) lines.push(...indent(table(['TIME', 'LEVEL', 'MESSAGE'], logs)));
  return lines;
}

function inputRequestDetails(runId: string, request: InputRequestView): string[] {
  const rows = [
    ['Key', request.key],
    ['Input type', request.inputType ?? 'none (resume without --input)'],
    ...(request.description ? [['Description', request.description]] : []),
    ...(request.approvals ? [['Approvals', approvalsLine(request.approvals)]] : []),
    ...(request.reminders ? [remindersRow(request.reminders)] : []),
    ...(request.escalation ? [escalationRow(request.escalation)] : []),
    ['Expires', request.expiresAt ? time(request.expiresAt) : 'never'],
    ...(request.onTimeout === 'resume'
      ? [
          [
            'Then',
            `goes on with ${request.approvals ? 'the answers given so far' : request.timeoutDefault ? json(request.timeoutDefault) : 'no input'}`,
          ],
        ]
      : []),
    ...(request.initialData ? [['Initial data', json(request.initialData)]] : []),
    ...(request.suspended ? [['Suspended', 'yes: the flow replays when resumed']] : []),
  ];
  const fields = request.schema ? schemaFields(request.schema) : [];
  const input = request.inputType ? ` --input '{...}'` : '';
  return [
    `Waiting for input: ${requestName(request)}`,
    ...indent(fieldList(rows)),
    ...(fields.length ? ['  Fields', ...indent(fields, '    ')] : []),
    `  Answer with: nestflow runs resume ${runId}${input}`,
  ];
}

/** One line per rejected field: `color: Green is only in-stock for medium, large, and XL sizes.` */
export function violationLines(violations: InputViolation[]): string[] {
  return violations.map((violation) => `${violation.path || '(input)'}: ${Object.values(violation.constraints).join('; ')}`);
}

/** `runs watch --json`: a state change that pauses the run is a `paused` event. */
export function watchEvent(run: RunView): 'paused' | 'state' {
  return run.inputRequest && (run.state === 'PAUSED' || run.state === 'SUSPENDED') ? 'paused' : 'state';
}

/**
 * `runs watch`: time, run, flow, new state; a pause adds what the run waits for and its key:
 * `… PAUSED  waits for ShirtOrder, key pause-1: Pick a size and a color`.
 */
export function watchLine(run: RunView): string {
  const head = `${time(run.updatedAt)}  ${run.id}  ${run.flowName}  ${run.state}`;
  const request = run.inputRequest;
  if (watchEvent(run) === 'paused' && request) {
    const what = request.inputType || request.title ? `waits for ${requestName(request)}` : 'waits (no input)';
    return `${head}  ${what}, key ${request.key}${request.description ? `: ${request.description}` : ''}`;
  }
  return run.stateMessage ? `${head}  ${run.stateMessage}` : head;
}

/** A request's title; its class name from a server before titles. */
function requestName(request: InputRequestView): string {
  return request.title ?? request.inputType ?? 'no input';
}

/** `runs needs-answer`: the runs waiting for someone, what for and until when, with the counts. */
export function needsAnswerTable(view: NeedsAnswerView): string[] {
  const { counts } = view;
  const summary = `${counts.total} waiting: ${counts.paused} paused, ${counts.suspended} suspended, ${counts.receiving} receiving`;
  if (!view.runs.length) return ['No runs wait for an answer.'];
  const rows = view.runs.map((run) => {
    const request = run.inputRequest ?? run.receiving;
    const how = run.receiving ? 'RECEIVING' : run.state;
    return [run.id, run.flowName, how, request?.title ?? '-', time(request?.expiresAt ?? null), time(run.createdAt)];
  });
  const more = view.runs.length < counts.total ? [`${view.runs.length} shown; more with --limit`] : [];
  return [...table(['ID', 'FLOW', 'WAITING', 'TITLE', 'EXPIRES', 'CREATED'], rows), '', summary, ...more];
}

function indent(lines: string[], prefix = '  '): string[] {
  return lines.map((line) => prefix + line);
}
