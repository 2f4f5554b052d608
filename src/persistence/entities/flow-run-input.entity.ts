import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { StoredJson } from './stored-json.js';

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

  @Column({ name: 'created_at', type: Date })
  createdAt!: Date;
}
