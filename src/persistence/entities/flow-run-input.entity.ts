import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { STORED_KEY_LENGTH } from '../../domain/stored-key-length.js';
import type { StoredJson } from './stored-json.js';

/**
 * `input`: an answer; `timeout`: the pause expired and failed; `timeout-default`: the pause expired
 * and went on with its default answer (`timeout: { then: 'resume' }`), stored like an answer;
 * `approvals`: every answer of an approvals pause, stored as one outcome (`ApprovalsOutcome`).
 */
export type InputOutcome = 'input' | 'timeout' | 'timeout-default' | 'approvals';

/** Which durable call waited: `pauseFlowRun`/`suspendFlowRun`, or a `receiveInput` (its timeouts only). */
/** `patch`: a `patched(id)` marker, recorded where a run first took the patched code path. */
export type InputKind = 'pause' | 'receive' | 'patch';

/**
 * An accepted (validated) input for one pause of a run; at most one per (run, kind, key) and
 * attempt: a retried run whose pause asks again stores its new answer beside the old one.
 */
@Entity('flow_run_inputs')
@Index('uq_flow_run_inputs_run_kind_key_attempt', ['runId', 'kind', 'key', 'attempt'], { unique: true })
export class FlowRunInputEntity {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ name: 'run_id', type: 'varchar', length: 36 })
  runId!: string;

  /**
   * The step's kind, stored rather than read from the key: a pause key is chosen by the flow's
   * author and may look like anything, `receive-2` included.
   */
  @Column({ type: 'varchar', length: 16, default: 'pause' })
  kind!: InputKind;

  @Column({ type: 'varchar', length: STORED_KEY_LENGTH })
  key!: string;

  @Column({ name: 'input_type', type: 'varchar', length: 200, nullable: true })
  inputType!: string | null;

  @Column({ type: 'simple-json', nullable: true })
  value!: StoredJson;

  /** Position among the run's durable calls (see TaskRunEntity.step). */
  @Column({ type: 'integer', nullable: true })
  step!: number | null;

  /**
   * `input`: accepted input; `timeout`: the pause expired (a replay throws PauseTimeoutError
   * again); `timeout-default`: it expired and resumed with its default (a replay returns it).
   */
  @Column({ type: 'varchar', length: 16, default: 'input' })
  outcome!: InputOutcome;

  /** Id of the principal who gave the input (audit); null for server-side resumes and timeouts. */
  @Column({ name: 'resumed_by', type: 'varchar', length: 200, nullable: true })
  resumedBy!: string | null;

  /** The run's attempt (`FlowRun.attempt`) when this outcome was stored. */
  @Column({ type: 'integer', default: 1 })
  attempt!: number;

  @Column({ name: 'created_at', type: Date })
  createdAt!: Date;
}
