import { FlowRunState } from '../../domain/flow-run-state.js';
import type { FlowRun } from '../../domain/flow-run.js';
import type { ReceiveRequest } from '../../domain/receive-request.js';
import type { FlowRunEntity, InputOutcome } from '../entities/index.js';
import type { RunPatch, RunWithPauseOutcome } from './hot-statements.js';

/** Patch field -> column, and whether it holds JSON. */
export const PATCH_COLUMNS: Record<keyof RunPatch, { column: string; json?: boolean }> = {
  result: { column: 'result', json: true },
  error: { column: 'error', json: true },
  inputRequest: { column: 'input_request', json: true },
  pauseExpiresAt: { column: 'pause_expires_at' },
  leaseOwner: { column: 'lease_owner' },
  scheduledAt: { column: 'scheduled_at' },
  attempt: { column: 'attempt' },
  flowVersion: { column: 'flow_version' },
  traceContext: { column: 'trace_context' },
  retriedAt: { column: 'retried_at' },
  remindersSent: { column: 'reminders_sent' },
  nextReminderAt: { column: 'next_reminder_at' },
  escalateAt: { column: 'escalate_at' },
  escalatedAt: { column: 'escalated_at' },
  timerDueAt: { column: 'timer_due_at' },
};

/** The patch's fields in a stable order (so statements can be cached per shape). */
export function patchKeys(patch: RunPatch): Array<keyof RunPatch> {
  return (Object.keys(PATCH_COLUMNS) as Array<keyof RunPatch>).filter((key) => patch[key] !== undefined);
}

/** JSON columns store `JSON.stringify(value)`, null as NULL (as TypeORM's simple-json does). */
export function toJson(value: unknown): string | null {
  return value === null || value === undefined ? null : JSON.stringify(value);
}

export const fromJson = (value: unknown) => (typeof value === 'string' ? JSON.parse(value) : (value ?? null));

/**
 * Columns every move clears: a run that changes state has stopped waiting in receiveInput (a
 * receive that ends clears them itself; a move that ends it, such as a cancel, must too).
 */
export const CLEAR_RECEIVING = ', receiving = NULL, receiving_expires_at = NULL';

/** The stored receive request, shown only while RUNNING (a stale one on another state is not). */
export function visibleReceiving(state: FlowRunState, receiving: unknown): ReceiveRequest | null {
  return state === FlowRunState.RUNNING && receiving ? (receiving as ReceiveRequest) : null;
}

/** A run read through TypeORM as a FlowRun: `receiving` as `toRun` shows it, its sort column left out. */
export function runOfEntity(entity: FlowRunEntity): FlowRun {
  const { receivingExpiresAt: _, receiving, ...run } = entity;
  return { ...run, receiving: visibleReceiving(run.state, receiving) };
}

/** A flow_runs row (snake_case, as either driver returns it) as a FlowRun. */
export function toRun(row: Record<string, unknown>, toDate: (value: unknown) => Date | null): FlowRun {
  return {
    id: row.id as string,
    flowName: row.flow_name as string,
    flowVersion: row.flow_version as string,
    state: row.state as FlowRunState,
    stateMessage: (row.state_message as string | null) ?? null,
    version: Number(row.version),
    parameters: fromJson(row.parameters),
    result: fromJson(row.result),
    error: fromJson(row.error),
    inputRequest: fromJson(row.input_request),
    pauseExpiresAt: toDate(row.pause_expires_at),
    receiving: visibleReceiving(row.state as FlowRunState, fromJson(row.receiving)),
    scheduledAt: toDate(row.scheduled_at),
    attempt: Number(row.attempt),
    leaseOwner: (row.lease_owner as string | null) ?? null,
    traceContext: (row.trace_context as string | null) ?? null,
    retriedAt: toDate(row.retried_at),
    remindersSent: row.reminders_sent === null || row.reminders_sent === undefined ? null : Number(row.reminders_sent),
    nextReminderAt: toDate(row.next_reminder_at),
    escalateAt: toDate(row.escalate_at),
    escalatedAt: toDate(row.escalated_at),
    timerDueAt: toDate(row.timer_due_at),
    createdAt: toDate(row.created_at)!,
    updatedAt: toDate(row.updated_at)!,
  };
}

/**
 * Reads a run (parameter 1) with the input row of its pause keyed parameter 2 in the run's
 * current attempt, if any (an earlier attempt's answer to a pause that asks again is no answer
 * to the new request): the input's columns come prefixed `o_`.
 */
export function runWithPauseOutcomeSql(placeholder: (n: number) => string): string {
  return `SELECT r.*, o.input_type AS o_input_type, o.value AS o_value, o.outcome AS o_outcome
    FROM flow_runs r LEFT JOIN flow_run_inputs o ON o.run_id = r.id AND o.kind = 'pause' AND o.key = ${placeholder(2)}
      AND o.attempt = r.attempt
    WHERE r.id = ${placeholder(1)}`;
}

export function toRunWithPauseOutcome(
  row: Record<string, unknown>,
  toDate: (value: unknown) => Date | null,
): RunWithPauseOutcome {
  const outcome = row.o_outcome
    ? {
        inputType: (row.o_input_type as string | null) ?? null,
        value: fromJson(row.o_value),
        outcome: row.o_outcome as InputOutcome,
      }
    : null;
  return { run: toRun(row, toDate), outcome };
}

export const RUN_INSERT_COLUMNS = [
  'id',
  'flow_name',
  'flow_version',
  'state',
  'state_message',
  'version',
  'parameters',
  'result',
  'error',
  'input_request',
  'pause_expires_at',
  'lease_owner',
  'scheduled_at',
  'attempt',
  'trace_context',
  'retried_at',
  'receiving',
  'receiving_expires_at',
  'reminders_sent',
  'next_reminder_at',
  'escalate_at',
  'escalated_at',
  'timer_due_at',
  'created_at',
  'updated_at',
];

export function runInsertValues(run: FlowRun, date: (value: Date | null) => unknown): unknown[] {
  return [
    run.id,
    run.flowName,
    run.flowVersion,
    run.state,
    run.stateMessage,
    run.version,
    toJson(run.parameters),
    toJson(run.result),
    toJson(run.error),
    toJson(run.inputRequest),
    date(run.pauseExpiresAt),
    run.leaseOwner,
    date(run.scheduledAt),
    run.attempt,
    run.traceContext ?? null,
    date(run.retriedAt),
    toJson(run.receiving ?? null),
    date(run.receiving ? new Date(run.receiving.expiresAt) : null),
    run.remindersSent ?? null,
    date(run.nextReminderAt ?? null),
    date(run.escalateAt ?? null),
    date(run.escalatedAt ?? null),
    date(run.timerDueAt ?? null),
    date(run.createdAt),
    date(run.updatedAt),
  ];
}

export const SCHEDULED = FlowRunState.SCHEDULED;
export const RUNNING = FlowRunState.RUNNING;
