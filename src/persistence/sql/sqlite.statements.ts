import type Database from 'better-sqlite3';
import { FlowRunState } from '../../domain/flow-run-state.js';
import type { FlowRun, FlowRunLog } from '../../domain/flow-run.js';
import type { FlowVersion } from '../../domain/flow-version.js';
import type { StoreWriter } from '../store-writer.js';
import { claimMessageSql } from './mailbox-statements.js';
import { discardStepsSql, type StepDiscard } from './step-discard.js';
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
import {
  CLEAR_RECEIVING,
  PATCH_COLUMNS,
  RUNNING,
  RUN_INSERT_COLUMNS,
  SCHEDULED,
  patchKeys,
  runInsertValues,
  toJson,
  runWithPauseOutcomeSql,
  toRun,
  toRunWithPauseOutcome,
} from './run-columns.js';

/** SQLite keeps UTC datetimes as text, the way TypeORM writes them: `YYYY-MM-DD HH:MM:SS.SSS`. */
const date = (value: Date | null) => (value ? value.toISOString().replace('T', ' ').replace('Z', '') : null);
const parseDate = (value: unknown) => (typeof value === 'string' ? new Date(`${value.replace(' ', 'T')}Z`) : null);

/**
 * Prepared statements run synchronously inside better-sqlite3 transactions: no await between
 * BEGIN and COMMIT, so nothing interleaves. They still queue behind the StoreWriter so they
 * never land inside a TypeORM transaction on the same connection.
 */
export class SqliteStatements implements HotStatements {
  private readonly cache = new Map<string, Database.Statement>();
  private batch: Array<{ work: () => unknown; resolve: (value: unknown) => void; reject: (error: unknown) => void }> = [];

  constructor(
    private readonly db: Database.Database,
    private readonly writer: StoreWriter,
  ) {}

  insertRun(run: FlowRun, claimed?: FlowRun): Promise<void> {
    return this.exclusive(() => {
      this.stmt(
        `INSERT INTO flow_runs (${RUN_INSERT_COLUMNS.join(', ')}) VALUES (${RUN_INSERT_COLUMNS.map(() => '?').join(', ')})`,
      ).run(...runInsertValues(claimed ?? run, date));
      this.insertState(run.id, run.state, run.stateMessage, run.createdAt);
      if (claimed) this.insertState(run.id, claimed.state, null, run.createdAt);
    });
  }

  async findRun(id: string): Promise<FlowRun | null> {
    const row = this.stmt('SELECT * FROM flow_runs WHERE id = ?').get(id) as Record<string, unknown> | undefined;
    return row ? toRun(row, parseDate) : null;
  }

  async findRunWithPauseOutcome(id: string, key: string): Promise<RunWithPauseOutcome | null> {
    const row = this.stmt(runWithPauseOutcomeSql((n) => `@p${n}`)).get({ p1: id, p2: key }) as
      Record<string, unknown> | undefined;
    return row ? toRunWithPauseOutcome(row, parseDate) : null;
  }

  move(move: Move, input?: InputToStore): Promise<boolean> {
    return this.exclusive(() => this.moveNow(move, input)).catch((error: { code?: string }) => {
      // The unique (run, key) input row is the last guard: a second resume of the same pause loses.
      if (error.code?.startsWith('SQLITE_CONSTRAINT')) return false;
      throw error;
    });
  }

  moveDiscarding(move: Move, discard: StepDiscard): Promise<boolean> {
    return this.exclusive(() => {
      if (!this.moveNow(move)) return false;
      const params = { p1: move.runId, p2: discard.failedStep, p3: discard.fromStep };
      for (const sql of discardStepsSql('@p1', (n) => `@p${n}`)) this.stmt(sql).run(params);
      return true;
    });
  }

  /** The guarded update with its history, input and requestId rows; call inside `exclusive`. */
  private moveNow(move: Move, input?: InputToStore): boolean {
    const keys = patchKeys(move.patch);
    const set = keys.map((key) => `${PATCH_COLUMNS[key].column} = ?`);
    const values = keys.map((key) => this.value(key, move.patch[key]));
    const sql = `UPDATE flow_runs SET state = ?, state_message = ?, version = version + 1, updated_at = ?${CLEAR_RECEIVING}${set.map((s) => `, ${s}`).join('')} WHERE id = ? AND state = ? AND version = ?`;
    const changed = this.stmt(sql).run(
      move.to,
      move.message,
      date(move.at),
      ...values,
      move.runId,
      move.from,
      move.version,
    ).changes;
    if (!changed) return false;
    this.insertState(move.runId, move.to, move.message, move.at);
    if (input) {
      this.stmt(
        // Stored under the run's attempt: a retried run's new answer to the same pause is a row of its own.
        `INSERT INTO flow_run_inputs (run_id, key, input_type, value, step, outcome, resumed_by, created_at, attempt)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, (SELECT attempt FROM flow_runs WHERE id = ?))`,
      ).run(
        move.runId,
        input.key,
        input.inputType,
        toJson(input.value),
        input.step,
        input.outcome ?? 'input',
        input.principal ?? null,
        date(move.at),
        move.runId,
      );
    }
    const request = move.request ?? input?.request;
    if (request) {
      // The client's requestId commits with the move or not at all; a reused one (primary key) fails it.
      this.stmt(
        'INSERT INTO flow_run_requests (request_id, run_id, operation, fingerprint, input_key, created_at) VALUES (?, ?, ?, ?, ?, ?)',
      ).run(request.id, move.runId, request.operation, request.fingerprint, request.inputKey, date(move.at));
    }
    return true;
  }

  claim(nodeId: string, limit: number, at: Date, served: FlowVersion[]): Promise<FlowRun[]> {
    return this.exclusive(() => {
      // As on PostgreSQL: a node declared dead (or never registered) claims nothing, and only
      // runs of the flow versions it serves.
      const ids = this.stmt(
        `SELECT id FROM flow_runs WHERE state = ? AND (scheduled_at IS NULL OR scheduled_at <= ?)
           AND EXISTS (SELECT 1 FROM json_each(?) v
             WHERE v.value ->> '$.flowName' = flow_name AND v.value ->> '$.version' = flow_version)
           AND EXISTS (SELECT 1 FROM nestflow_nodes WHERE id = ? AND dead_at IS NULL)
           ORDER BY created_at LIMIT ?`,
      )
        .pluck()
        .all(SCHEDULED, date(at), JSON.stringify(served), nodeId, limit) as string[];
      const claim = this.stmt(
        `UPDATE flow_runs SET state = ?, state_message = NULL, version = version + 1, lease_owner = ?, updated_at = ? WHERE id = ? AND state = ?`,
      );
      const read = this.stmt('SELECT * FROM flow_runs WHERE id = ?');
      return ids.map((id) => {
        claim.run(RUNNING, nodeId, date(at), id, SCHEDULED);
        this.insertState(id, RUNNING, null, at);
        return toRun(read.get(id) as Record<string, unknown>, parseDate);
      });
    });
  }

  recoverHeldBy(nodeId: string, limit: number, at: Date, messages: RecoveryMessages): Promise<FlowRun[]> {
    return this.exclusive(() => {
      const ids = this.stmt(`SELECT id FROM flow_runs WHERE lease_owner = ? AND state IN (?, ?) ORDER BY id LIMIT ?`)
        .pluck()
        .all(nodeId, RUNNING, FlowRunState.PAUSED, limit) as string[];
      const waiting = `state = '${FlowRunState.PAUSED}' AND input_request IS NOT NULL`;
      const recover = this.stmt(
        `UPDATE flow_runs SET
           state = CASE WHEN ${waiting} THEN '${FlowRunState.SUSPENDED}' ELSE '${FlowRunState.SCHEDULED}' END,
           state_message = CASE WHEN ${waiting} THEN ? ELSE ? END,
           input_request = CASE WHEN ${waiting} THEN json_set(input_request, '$.suspended', json('true')) ELSE input_request END,
           version = version + 1, lease_owner = NULL, updated_at = ?${CLEAR_RECEIVING}
         WHERE id = ?`,
      );
      const read = this.stmt('SELECT * FROM flow_runs WHERE id = ?');
      return ids.map((id) => {
        recover.run(messages.suspended, messages.scheduled, date(at), id);
        const run = toRun(read.get(id) as Record<string, unknown>, parseDate);
        this.insertState(id, run.state, run.stateMessage, at);
        return run;
      });
    });
  }

  recordTask(task: TaskOutcome): Promise<void> {
    return this.exclusive(() => {
      this.stmt(
        `INSERT INTO task_runs (run_id, task_key, task_name, step, state, result, error, attempts, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (run_id, task_key) DO UPDATE SET state = excluded.state, result = excluded.result, error = excluded.error,
           attempts = excluded.attempts, step = excluded.step, updated_at = excluded.updated_at`,
      ).run(
        task.runId,
        task.taskKey,
        task.taskName,
        task.step,
        task.state,
        toJson(task.result),
        toJson(task.error),
        task.attempts,
        date(task.at),
        date(task.at),
      );
    });
  }

  appendLogs(lines: NewLogLine[]): Promise<FlowRunLog[]> {
    return this.exclusive(() => {
      const insert = this.stmt('INSERT INTO flow_run_logs (run_id, level, message, timestamp) VALUES (?, ?, ?, ?)');
      return lines.map((line) => ({
        id: Number(insert.run(line.runId, line.level, line.message, date(line.timestamp)).lastInsertRowid),
        ...line,
      }));
    });
  }

  claimMessage(runId: string, inputTypes: string[], key: string | null, step: number, at: Date): Promise<number | null> {
    return this.exclusive(() => {
      const sql = claimMessageSql(inputTypes.length, key !== null, () => '?');
      const row = this.stmt(sql).get(step, date(at), runId, ...inputTypes, ...(key === null ? [] : [key])) as
        { id: number } | undefined;
      return row ? Number(row.id) : null;
    });
  }

  insertMessage(message: MessageToStore, maxWaiting: number, request?: RequestToStore): Promise<number | null> {
    return this.exclusive(() => {
      // SQLite has one writer at a time: the count this statement checks is the one it inserts into.
      const { changes, lastInsertRowid } = this.stmt(
        `INSERT INTO flow_run_mailbox (run_id, origin, key, input_type, value, sender_run_id, created_at)
         SELECT ?, ?, ?, ?, ?, ?, ?
         WHERE (SELECT COUNT(*) FROM flow_run_mailbox WHERE run_id = ? AND origin = ? AND received_step IS NULL) < ?`,
      ).run(
        message.runId,
        message.origin,
        message.key,
        message.inputType,
        toJson(message.value),
        message.senderRunId,
        date(message.at),
        message.runId,
        message.origin,
        maxWaiting,
      );
      if (!changes) return null;
      if (request) {
        this.stmt(
          'INSERT INTO flow_run_requests (request_id, run_id, operation, fingerprint, input_key, created_at) VALUES (?, ?, ?, ?, ?, ?)',
        ).run(request.id, message.runId, request.operation, request.fingerprint, message.key, date(message.at));
      }
      return Number(lastInsertRowid);
    });
  }

  private insertState(runId: string, state: string, message: string | null, at: Date): void {
    this.stmt('INSERT INTO flow_run_states (run_id, state, message, timestamp) VALUES (?, ?, ?, ?)').run(
      runId,
      state,
      message,
      date(at),
    );
  }

  private value(key: keyof typeof PATCH_COLUMNS, value: unknown): unknown {
    if (PATCH_COLUMNS[key].json) return toJson(value);
    return value instanceof Date ? date(value) : value;
  }

  private stmt(sql: string): Database.Statement {
    let statement = this.cache.get(sql);
    if (!statement) {
      statement = this.db.prepare(sql);
      this.cache.set(sql, statement);
    }
    return statement;
  }

  /**
   * Group commit: the writes asked for in the same turn of the event loop run in one SQLite
   * transaction, each in its own savepoint (one failing rolls back only itself). Fewer commits,
   * same atomicity per operation; queued behind the other writes of this process.
   */
  private exclusive<T>(work: () => T): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.batch.push({ work, resolve: resolve as (value: unknown) => void, reject });
      if (this.batch.length === 1) setImmediate(() => void this.flush());
    });
  }

  private flush(): Promise<void> {
    const batch = this.batch;
    this.batch = [];
    return this.writer.write(async () => {
      const outcomes: Array<{ value?: unknown; error?: unknown }> = [];
      try {
        this.db.transaction(() => {
          for (const op of batch) {
            try {
              outcomes.push({ value: this.db.transaction(op.work)() });
            } catch (error) {
              outcomes.push({ error });
            }
          }
        })();
      } catch (error) {
        batch.forEach((op) => op.reject(error)); // the commit itself failed: nothing was written
        return;
      }
      batch.forEach((op, i) => ('error' in outcomes[i] ? op.reject(outcomes[i].error) : op.resolve(outcomes[i].value)));
    });
  }
}
