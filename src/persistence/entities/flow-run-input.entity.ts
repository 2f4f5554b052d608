import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { StoredJson } from './stored-json.js';

export type InputOutcome = 'input' | 'timeout';

/** An accepted (validated) input for one pause of a run; at most one per (run, key). */
@Entity('flow_run_inputs')
@Index('uq_flow_run_inputs_run_key', ['runId', 'key'], { unique: true })
export class FlowRunInputEntity {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ name: 'run_id', type: 'varchar', length: 36 })
  runId!: string;

  @Column({ type: 'varchar', length: 200 })
  key!: string;

  @Column({ name: 'input_type', type: 'varchar', length: 200, nullable: true })
  inputType!: string | null;

  @Column({ type: 'simple-json', nullable: true })
  value!: StoredJson;

  /** Position among the run's durable calls (see TaskRunEntity.step). */
  @Column({ type: 'integer', nullable: true })
  step!: number | null;

  /** `input`: accepted input; `timeout`: the pause expired (a replay throws PauseTimeoutError again). */
  @Column({ type: 'varchar', length: 16, default: 'input' })
  outcome!: InputOutcome;

  /** Id of the principal who gave the input (audit); null for server-side resumes and timeouts. */
  @Column({ name: 'resumed_by', type: 'varchar', length: 200, nullable: true })
  resumedBy!: string | null;

  @Column({ name: 'created_at', type: Date })
  createdAt!: Date;
}
