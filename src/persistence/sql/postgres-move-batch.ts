import { NOTIFY_CHANNEL } from '../../events/postgres-event.bus.js';
import type { InputToStore, Move } from './hot-statements.js';
import { CLEAR_RECEIVING, PATCH_COLUMNS, toJson } from './run-columns.js';

/** A move with the input it stores, as `HotStatements.move` takes them. */
export type MoveWithInput = readonly [Move, InputToStore | undefined];

/** PostgreSQL's error codes on which a statement rolls back for one row's sake. */
const UNIQUE_VIOLATION = '23505';
const DEADLOCK = '40P01';

/** The SQLSTATE of a pg error, bare or wrapped by TypeORM. */
function driverCode(error: unknown): string | undefined {
  const { code, driverError } = error as { code?: unknown; driverError?: { code?: unknown } };
  const state = typeof code === 'string' ? code : driverError?.code;
  return typeof state === 'string' ? state : undefined;
}

export const isUniqueViolation = (error: unknown) => driverCode(error) === UNIQUE_VIOLATION;
export const isRowConflict = (error: unknown) => [UNIQUE_VIOLATION, DEADLOCK].includes(driverCode(error) ?? '');

const PATCH_TYPES: Record<keyof typeof PATCH_COLUMNS, string> = {
  result: 'text',
  error: 'text',
  inputRequest: 'text',
  pauseExpiresAt: 'timestamptz',
  leaseOwner: 'text',
  scheduledAt: 'timestamptz',
  attempt: 'int',
  flowVersion: 'text',
  traceContext: 'text',
  retriedAt: 'timestamptz',
  remindersSent: 'int',
  nextReminderAt: 'timestamptz',
  escalateAt: 'timestamptz',
  escalatedAt: 'timestamptz',
  timerDueAt: 'timestamptz',
};
const PATCH_KEYS = Object.keys(PATCH_COLUMNS) as Array<keyof typeof PATCH_COLUMNS>;

/** The batch's columns: name, array type, value of one move. */
const COLUMNS: Array<[string, string, (move: Move, input: InputToStore | undefined) => unknown]> = [
  ['id', 'text', (m) => m.runId],
  ['from_state', 'text', (m) => m.from],
  ['version', 'int', (m) => m.version],
  ['to_state', 'text', (m) => m.to],
  ['message', 'text', (m) => m.message],
  ['at', 'timestamptz', (m) => m.at],
  ...PATCH_KEYS.flatMap((key): typeof COLUMNS => {
    const value = (m: Move) => (PATCH_COLUMNS[key].json ? toJson(m.patch[key]) : (m.patch[key] ?? null));
    return [
      [`p_${key}`, PATCH_TYPES[key], value],
      [`set_${key}`, 'bool', (m) => m.patch[key] !== undefined],
    ];
  }),
  ['i_key', 'text', (_, i) => i?.key ?? null],
  ['i_type', 'text', (_, i) => i?.inputType ?? null],
  ['i_value', 'text', (_, i) => (i ? toJson(i.value) : null)],
  ['i_step', 'int', (_, i) => i?.step ?? null],
  ['i_outcome', 'text', (_, i) => (i ? (i.outcome ?? 'input') : null)],
  ['i_principal', 'text', (_, i) => i?.principal ?? null],
  ['q_id', 'text', (m, i) => (m.request ?? i?.request)?.id ?? null],
  ['q_operation', 'text', (m, i) => (m.request ?? i?.request)?.operation ?? null],
  ['q_fingerprint', 'text', (m, i) => (m.request ?? i?.request)?.fingerprint ?? null],
  ['q_input_key', 'text', (m, i) => (m.request ?? i?.request)?.inputKey ?? null],
];

const SET_PATCH = PATCH_KEYS.map(
  (key) => `, ${PATCH_COLUMNS[key].column} = CASE WHEN v.set_${key} THEN v.p_${key} ELSE f.${PATCH_COLUMNS[key].column} END`,
).join('');

/** The channel, then each NOTIFY payload and the ordinal of its move, follow the columns. */
const NOTIFY_PARAM = COLUMNS.length + 1;

/**
 * Several guarded moves in one statement (group commit): the moves travel as parallel arrays;
 * each run's update, history row, input and requestId commit together with every other move of
 * the batch, or none do; the NOTIFY payloads of the moves whose guard held are sent in order.
 * Returns the ordinals (1-based) of those moves. A batch never holds two moves of one run.
 */
export const MOVE_BATCH_SQL = `WITH v AS (
    SELECT * FROM unnest(${COLUMNS.map(([, type], index) => `$${index + 1}::${type}[]`).join(', ')})
      WITH ORDINALITY AS v(${COLUMNS.map(([name]) => name).join(', ')}, n)),
  u AS (UPDATE flow_runs f SET state = v.to_state, state_message = v.message, version = f.version + 1,
      updated_at = v.at${CLEAR_RECEIVING}${SET_PATCH}
    FROM v WHERE f.id = v.id AND f.state = v.from_state AND f.version = v.version RETURNING v.*, f.attempt),
  s AS (INSERT INTO flow_run_states (run_id, state, message, timestamp) SELECT id, to_state, message, at FROM u ORDER BY n),
  i AS (INSERT INTO flow_run_inputs (run_id, key, input_type, value, step, outcome, resumed_by, created_at, attempt)
    SELECT id, i_key, i_type, i_value, i_step, i_outcome, i_principal, at, attempt FROM u WHERE i_key IS NOT NULL),
  q AS (INSERT INTO flow_run_requests (request_id, run_id, operation, fingerprint, input_key, created_at)
    SELECT q_id, id, q_operation, q_fingerprint, q_input_key, at FROM u WHERE q_id IS NOT NULL),
  t AS (SELECT pg_notify($${NOTIFY_PARAM}, x.p) FROM (
    SELECT x.p FROM unnest($${NOTIFY_PARAM + 1}::text[], $${NOTIFY_PARAM + 2}::int[]) WITH ORDINALITY AS x(p, m, o)
    JOIN u ON u.n = x.m ORDER BY x.o OFFSET 0) x)
  SELECT n, (SELECT COUNT(*) FROM t) AS told FROM u`;

/** The statement's parameters: one array per column. */
export function moveBatchValues(moves: readonly MoveWithInput[]): unknown[] {
  const notify = moves.flatMap(([move], index) => (move.notify ?? []).map((payload) => [payload, index + 1] as const));
  return [
    ...COLUMNS.map(([, , value]) => moves.map(([move, input]) => value(move, input))),
    NOTIFY_CHANNEL,
    notify.map(([payload]) => payload),
    notify.map(([, move]) => move),
  ];
}
