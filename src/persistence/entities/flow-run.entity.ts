import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { StoredJson } from './stored-json.js';
import { FlowRunState } from '../../domain/flow-run-state.js';

/** One execution of a flow; the row is the durable truth about it. */
@Entity('flow_runs')
@Index('idx_flow_runs_state_pause_expires', ['state', 'pauseExpiresAt'])
@Index('idx_flow_runs_owner_state', ['leaseOwner', 'state'])
@Index('idx_flow_runs_flow_created', ['flowName', 'createdAt'])
@Index('idx_flow_runs_created', ['createdAt', 'id'])
@Index('idx_flow_runs_state_scheduled', ['state', 'scheduledAt', 'createdAt'])
@Index('idx_flow_runs_state_updated', ['state', 'updatedAt'])
@Index('idx_flow_runs_timer_due', ['timerDueAt'])
export class FlowRunEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ name: 'flow_name', type: 'varchar', length: 200 })
  flowName!: string;

  /** The version of the flow's code the run started on. */
  @Column({ name: 'flow_version', type: 'varchar', length: 64, default: '1' })
  flowVersion!: string;

  @Column({ type: 'varchar', length: 16 })
  state!: FlowRunState;

  @Column({ name: 'state_message', type: 'text', nullable: true })
  stateMessage!: string | null;

  /** Bumped by every state change; guarded updates compare it. */
  @Column({ type: 'integer', default: 0 })
  version!: number;

  @Column({ type: 'simple-json', nullable: true })
  parameters!: StoredJson;

  @Column({ type: 'simple-json', nullable: true })
  result!: StoredJson;

  @Column({ type: 'simple-json', nullable: true })
  error!: StoredJson; // SerializedError | null

  @Column({ name: 'input_request', type: 'simple-json', nullable: true })
  inputRequest!: StoredJson; // InputRequest | null

  @Column({ name: 'pause_expires_at', type: Date, nullable: true })
  pauseExpiresAt!: Date | null;

  /** What the run waits for in receiveInput (a ReceiveRequest); only meaningful while RUNNING. */
  @Column({ type: 'simple-json', nullable: true })
  receiving!: StoredJson; // ReceiveRequest | null

  /** When that receive times out (sorts runs needing an answer). */
  @Column({ name: 'receiving_expires_at', type: Date, nullable: true })
  receivingExpiresAt!: Date | null;

  /** The node holding the run in memory (RUNNING/PAUSED); alive while its heartbeat is. */
  @Column({ name: 'lease_owner', type: 'varchar', length: 64, nullable: true })
  leaseOwner!: string | null;

  /** The W3C trace context (JSON) of the request that created or last resumed the run. */
  @Column({ name: 'trace_context', type: 'text', nullable: true })
  traceContext!: string | null;

  /** When a SCHEDULED run may be claimed (a flow retry with a delay); null: at once. */
  @Column({ name: 'scheduled_at', type: Date, nullable: true })
  scheduledAt!: Date | null;

  /** Flow attempt, 1 + retries used. */
  @Column({ type: 'integer', default: 1 })
  attempt!: number;

  /** When an operator last retried the run (retryFlowRun); the flow timeout counts from it. */
  @Column({ name: 'retried_at', type: Date, nullable: true })
  retriedAt!: Date | null;

  /** Reminders of the current pause sent so far; null when it has none. */
  @Column({ name: 'reminders_sent', type: 'integer', nullable: true })
  remindersSent!: number | null;

  /** When the current pause's next reminder is due; null when none is left. */
  @Column({ name: 'next_reminder_at', type: Date, nullable: true })
  nextReminderAt!: Date | null;

  /** When the current pause escalates (its `escalate.to` may answer from then on); null: never. */
  @Column({ name: 'escalate_at', type: Date, nullable: true })
  escalateAt!: Date | null;

  /** When the current pause's escalation was announced; null before. */
  @Column({ name: 'escalated_at', type: Date, nullable: true })
  escalatedAt!: Date | null;

  /** When the sweeper next has a reminder or escalation of the current pause to announce. */
  @Column({ name: 'timer_due_at', type: Date, nullable: true })
  timerDueAt!: Date | null;

  @Column({ name: 'created_at', type: Date })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: Date })
  updatedAt!: Date;
}
