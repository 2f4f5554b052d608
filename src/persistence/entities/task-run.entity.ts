import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { StoredJson } from './stored-json.js';

export type TaskRunState = 'RUNNING' | 'COMPLETED' | 'FAILED';

/** One `@Task` call inside a run, keyed deterministically so a replay can find it. */
@Entity('task_runs')
@Index('uq_task_runs_run_key', ['runId', 'taskKey'], { unique: true })
export class TaskRunEntity {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ name: 'run_id', type: 'varchar', length: 36 })
  runId!: string;

  @Column({ name: 'task_key', type: 'varchar', length: 200 })
  taskKey!: string;

  @Column({ name: 'task_name', type: 'varchar', length: 200 })
  taskName!: string;

  /** Position among the run's durable calls; a replay must make the same call at the same step. */
  @Column({ type: 'integer', nullable: true })
  step!: number | null;

  @Column({ type: 'varchar', length: 16 })
  state!: TaskRunState;

  @Column({ type: 'simple-json', nullable: true })
  result!: StoredJson;

  @Column({ type: 'simple-json', nullable: true })
  error!: StoredJson; // SerializedError | null

  @Column({ type: 'integer', default: 1 })
  attempts!: number;

  @Column({ name: 'created_at', type: Date })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: Date })
  updatedAt!: Date;
}
