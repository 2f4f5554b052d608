import type { DataSource } from 'typeorm';
import { NOTIFY_CHANNEL } from '../../events/postgres-event.bus.js';
import { FlowRunState } from '../../domain/flow-run-state.js';
import type { FlowRun, FlowRunLog } from '../../domain/flow-run.js';
import type { FlowVersion } from '../../domain/flow-version.js';
import type {
  HotStatements,
  InputToStore,
  MessageToStore,
  Move,
  NewLogLine,
  RecoveryMessages,
  RequestToStore,
  RunWithPauseOutcome,
  TaskOutcome,
} from './hot-statements.js';
import { GroupCommit } from './group-commit.js';
import { claimMessageSql } from './mailbox-statements.js';
import { discardStepsSql, type StepDiscard } from './step-discard.js';
import { PreparedStatements } from './prepared-statements.js';
import { MOVE_BATCH_SQL, isRowConflict, isUniqueViolation, moveBatchValues, type MoveWithInput } from './postgres-move-batch.js';
import {
  CLEAR_RECEIVING,
  PATCH_COLUMNS,
  RUNNING,
  RUN_INSERT_COLUMNS,
  SCHEDULED,
  patchKeys,
  runInsertValues,
  toJson,
  toRun,
  runWithPauseOutcomeSql,
  toRunWithPauseOutcome,
} from './run-columns.js';

const asDate = (value: unknown) => (value instanceof Date ? value : value ? new Date(value as string) : null);
const same = (value: Date | null) => value;
/**
 * A CTE that makes this statement's commit skip the WAL flush wait. Used for log lines only: a
 * database crash may lose the last ones, and the replay that follows writes them again (any
 * later commit of the run, e.g. a task result, flushes them first).
 */
const RELAXED = `x AS (SELECT set_config('synchronous_commit', 'off', true))`;
/**
 * Moves per group-commit statement, and such statements on their way at once (measured on the
 * bench's throughput workload: two in flight beat one, and three lost to two).
 */
const MAX_MOVE_BATCH = 64;
const MOVES_IN_FLIGHT = 2;
const placeholders = (from: number, count: number) => Array.from({ length: count }, (_, i) => `$${from + i}`).join(', ');

/**
 * One statement, one round trip per operation: the guarded update, its history row and the
 * input row are data-modifying CTEs of one statement, so they commit together or not at all.
 */
export class PostgresStatements implements HotStatements {
  /**
   * Moves go to the database in groups: while one statement of moves is on its way, the moves
   * submitted meanwhile queue up and go together in the next (one commit for all).
   */
  private readonly moves = new GroupCommit<MoveWithInput, boolean>(
    ([move, input]) => this.moveOne(move, input),
    (moves) => this.moveMany(moves),
    { maxBatch: MAX_MOVE_BATCH, maxInFlight: MOVES_IN_FLIGHT, keyOf: ([move]) => move.runId, retryAlone: isRowConflict },
  );

  private readonly prepared: PreparedStatements;

  constructor(private readonly dataSource: DataSource) {
    this.prepared = new PreparedStatements(dataSource);
  }

  async insertRun(run: FlowRun, claimed?: FlowRun): Promise<void> {
    const n = RUN_INSERT_COLUMNS.length;
    const states = claimed ? `(1, '${run.state}'), (2, '${claimed.state}')` : `(1, '${run.state}')`;
    await this.prepared.query(
      `WITH r AS (INSERT INTO flow_runs (${RUN_INSERT_COLUMNS.join(', ')}) VALUES (${placeholders(1, n)}) RETURNING id, created_at)
       INSERT INTO flow_run_states (run_id, state, message, timestamp)
       SELECT r.id, v.state, NULL, r.created_at FROM r, (VALUES ${states}) AS v(n, state) ORDER BY v.n`,
      runInsertValues(claimed ?? run, same),
    );
  }

  async findRun(id: string): Promise<FlowRun | null> {
    const [row] = (await this.prepared.query('SELECT * FROM flow_runs WHERE id = $1', [id])) as Array<Record<string, unknown>>;
    return row ? toRun(row, asDate) : null;
  }

  async findRunWithPauseOutcome(id: string, key: string): Promise<RunWithPauseOutcome | null> {
    const [row] = await this.prepared.query(
      runWithPauseOutcomeSql((n) => `$${n}`),
      [id, key],
    );
    return row ? toRunWithPauseOutcome(row, asDate) : null;
  }

  move(move: Move, input?: InputToStore): Promise<boolean> {
    return this.moves.submit([move, input]);
  }

  private async moveMany(moves: MoveWithInput[]): Promise<boolean[]> {
    const rows = await this.prepared.query<{ n: string }>(MOVE_BATCH_SQL, moveBatchValues(moves));
    const moved = new Set(rows.map((row) => Number(row.n)));
    return moves.map((_, index) => moved.has(index + 1));
  }

  /** Not grouped: rare, and its discards have no place in the batch statement. */
  moveDiscarding(move: Move, discard: StepDiscard): Promise<boolean> {
    return this.moveOne(move, undefined, discard);
  }

  private async moveOne(move: Move, input?: InputToStore, discard?: StepDiscard): Promise<boolean> {
    const keys = patchKeys(move.patch);
    const values: unknown[] = [move.to, move.message, move.at, move.runId, move.from, move.version];
    const set = keys.map((key) => {
      values.push(PATCH_COLUMNS[key].json ? toJson(move.patch[key]) : move.patch[key]);
      return `, ${PATCH_COLUMNS[key].column} = $${values.length}`;
    });
    let inputCte = '';
    if (input) {
      values.push(input.key, input.inputType, toJson(input.value), input.step, input.outcome ?? 'input', input.principal ?? null);
      const p = values.length - 5;
      inputCte = `, i AS (INSERT INTO flow_run_inputs (run_id, key, input_type, value, step, outcome, resumed_by, created_at, attempt)
        SELECT id, $${p}, $${p + 1}, $${p + 2}, $${p + 3}, $${p + 4}, $${p + 5}, $3, attempt FROM u)`;
    }
    const request = move.request ?? input?.request;
    if (request) {
      // The client's requestId commits with the move or not at all; a reused one (primary key) fails it.
      values.push(request.id, request.operation, request.fingerprint, request.inputKey);
      const q = values.length - 3;
      inputCte += `, q AS (INSERT INTO flow_run_requests (request_id, run_id, operation, fingerprint, input_key, created_at)
        SELECT $${q}, id, $${q + 1}, $${q + 2}, $${q + 3}, $3 FROM u)`;
    }
    if (discard) {
      // Data-modifying CTEs run whether referenced or not; on the moved row only.
      values.push(discard.failedStep, discard.fromStep);
      const d = values.length - 3;
      const discards = discardStepsSql('(SELECT id FROM u)', (n) => `$${d + n}::int`);
      inputCte += discards.map((sql, index) => `, d${index} AS (${sql})`).join('');
    }
    let told = '';
    if (move.notify?.length) {
      // A SELECT in a WITH runs only if referenced: the last line does, once per moved row.
      values.push(NOTIFY_CHANNEL, move.notify);
      inputCte += `, n AS (SELECT pg_notify($${values.length - 1}, p) FROM u,
        unnest($${values.length}::text[]) WITH ORDINALITY AS t(p, o))`;
      told = ', (SELECT COUNT(*) FROM n) AS told';
    }
    const sql = `WITH u AS (UPDATE flow_runs SET state = $1, state_message = $2, version = version + 1, updated_at = $3${CLEAR_RECEIVING}${set.join('')}
        WHERE id = $4 AND state = $5 AND version = $6 RETURNING id, attempt),
      s AS (INSERT INTO flow_run_states (run_id, state, message, timestamp) SELECT id, $1, $2, $3 FROM u)${inputCte}
      SELECT COUNT(*)::int AS moved${told} FROM u`;
    try {
      const [row] = (await this.prepared.query(sql, values)) as Array<{ moved: number }>;
      return row.moved === 1;
    } catch (error) {
      // The unique (run, key) input row is the last guard: a second resume of the same pause loses
      // (so does a move whose requestId was taken meanwhile).
      if (isUniqueViolation(error)) return false;
      throw error;
    }
  }

  async claim(nodeId: string, limit: number, at: Date, served: FlowVersion[]): Promise<FlowRun[]> {
    // SKIP LOCKED: concurrent claimers on other nodes neither wait for nor get the same runs. A
    // node declared dead (its heartbeat lapsed) claims nothing: its id is never used again.
    const rows = (await this.prepared.query(
      `WITH c AS (SELECT id FROM flow_runs WHERE state = $1 AND (scheduled_at IS NULL OR scheduled_at <= $2)
          AND (flow_name, flow_version) IN (SELECT * FROM unnest($6::text[], $7::text[]))
          AND EXISTS (SELECT 1 FROM nestflow_nodes WHERE id = $5 AND dead_at IS NULL)
          ORDER BY created_at LIMIT $3 FOR UPDATE SKIP LOCKED),
        u AS (UPDATE flow_runs f SET state = $4, state_message = NULL, version = f.version + 1, lease_owner = $5,
          updated_at = $2 FROM c WHERE f.id = c.id RETURNING f.*),
        s AS (INSERT INTO flow_run_states (run_id, state, message, timestamp) SELECT id, $4, NULL, $2 FROM u)
      SELECT u.* FROM u ORDER BY u.created_at`,
      [SCHEDULED, at, limit, RUNNING, nodeId, served.map((v) => v.flowName), served.map((v) => v.version)],
    )) as Array<Record<string, unknown>>;
    return rows.map((row) => toRun(row, asDate));
  }

  async recoverHeldBy(nodeId: string, limit: number, at: Date, messages: RecoveryMessages): Promise<FlowRun[]> {
    // One row lock per run, taken in id order and never waited for: no deadlock with moves.
    const waiting = `f.state = '${FlowRunState.PAUSED}' AND f.input_request IS NOT NULL`;
    const rows = (await this.prepared.query(
      `WITH c AS (SELECT id FROM flow_runs WHERE lease_owner = $1 AND state IN ($2, $3)
          ORDER BY id LIMIT $4 FOR UPDATE SKIP LOCKED),
        u AS (UPDATE flow_runs f SET
            state = CASE WHEN ${waiting} THEN '${FlowRunState.SUSPENDED}' ELSE '${FlowRunState.SCHEDULED}' END,
            state_message = CASE WHEN ${waiting} THEN $5 ELSE $6 END,
            input_request = CASE WHEN ${waiting} THEN (f.input_request::jsonb || '{"suspended": true}')::text
              ELSE f.input_request END,
            version = f.version + 1, lease_owner = NULL, updated_at = $7${CLEAR_RECEIVING}
          FROM c WHERE f.id = c.id RETURNING f.*),
        s AS (INSERT INTO flow_run_states (run_id, state, message, timestamp) SELECT id, state, state_message, $7 FROM u)
      SELECT u.* FROM u ORDER BY u.id`,
      [nodeId, RUNNING, FlowRunState.PAUSED, limit, messages.suspended, messages.scheduled, at],
    )) as Array<Record<string, unknown>>;
    return rows.map((row) => toRun(row, asDate));
  }

  async recordTask(task: TaskOutcome): Promise<void> {
    await this.prepared.query(
      `INSERT INTO task_runs (run_id, task_key, task_name, step, state, result, error, attempts, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9)
       ON CONFLICT (run_id, task_key) DO UPDATE SET state = excluded.state, result = excluded.result, error = excluded.error,
         attempts = excluded.attempts, step = excluded.step, updated_at = excluded.updated_at`,
      [
        task.runId,
        task.taskKey,
        task.taskName,
        task.step,
        task.state,
        toJson(task.result),
        toJson(task.error),
        task.attempts,
        task.at,
      ],
    );
  }

  async appendLogs(lines: NewLogLine[]): Promise<FlowRunLog[]> {
    const rows = (await this.prepared.query(
      `WITH ${RELAXED}, l AS (INSERT INTO flow_run_logs (run_id, level, message, timestamp)
         SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::timestamptz[]) RETURNING id)
       SELECT l.id FROM l, x ORDER BY l.id`,
      [lines.map((l) => l.runId), lines.map((l) => l.level), lines.map((l) => l.message), lines.map((l) => l.timestamp)],
    )) as Array<{ id: number }>;
    return lines.map((line, index) => ({ id: Number(rows[index].id), ...line }));
  }

  async claimMessage(runId: string, inputTypes: string[], key: string | null, step: number, at: Date): Promise<number | null> {
    const sql = claimMessageSql(inputTypes.length, key !== null, (n) => `$${n}`);
    const [row] = await this.prepared.query<{ id: number }>(sql, [
      step,
      at,
      runId,
      ...inputTypes,
      ...(key === null ? [] : [key]),
    ]);
    return row ? Number(row.id) : null;
  }

  /**
   * Two statements in a transaction, not one: under READ COMMITTED a statement counts from the
   * snapshot it started with, so two concurrent sends would both see room for one more. The
   * first statement locks the recipient's run row, so sends to one run take turns; the second,
   * started after the lock is held, counts every message committed before it.
   */
  async insertMessage(message: MessageToStore, maxWaiting: number, request?: RequestToStore): Promise<number | null> {
    const values: unknown[] = [
      message.runId,
      message.key,
      message.inputType,
      toJson(message.value),
      message.senderRunId,
      message.at,
      message.origin,
      maxWaiting,
    ];
    let requestCte = '';
    if (request) {
      values.push(request.id, request.operation, request.fingerprint);
      requestCte = `, q AS (INSERT INTO flow_run_requests (request_id, run_id, operation, fingerprint, input_key, created_at)
        SELECT $9, $1, $10, $11, $2, $6 FROM m)`;
    }
    const runner = this.dataSource.createQueryRunner();
    try {
      await runner.startTransaction();
      await runner.query('SELECT 1 FROM flow_runs WHERE id = $1 FOR NO KEY UPDATE', [message.runId]);
      const [row] = (await runner.query(
        `WITH m AS (INSERT INTO flow_run_mailbox (run_id, origin, key, input_type, value, sender_run_id, created_at)
           SELECT $1::varchar, $7::varchar, $2::varchar, $3::varchar, $4::text, $5::varchar, $6::timestamptz
           WHERE (SELECT COUNT(*) FROM flow_run_mailbox WHERE run_id = $1 AND origin = $7 AND received_step IS NULL) < $8
           RETURNING id)${requestCte}
         SELECT id FROM m`,
        values,
      )) as Array<{ id: number }>;
      await runner.commitTransaction();
      return row ? Number(row.id) : null;
    } catch (error) {
      if (runner.isTransactionActive) await runner.rollbackTransaction().catch(() => undefined);
      throw error;
    } finally {
      await runner.release();
    }
  }
}
