import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { FlowRunState } from '../../domain/flow-run-state.js';

/** One row per state change of a run: the run's history. */
@Entity('flow_run_states')
@Index('idx_flow_run_states_run', ['runId', 'id'])
export class FlowRunStateEntity {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ name: 'run_id', type: 'varchar', length: 36 })
  runId!: string;

  @Column({ type: 'varchar', length: 16 })
  state!: FlowRunState;

  @Column({ type: 'text', nullable: true })
  message!: string | null;

  @Column({ type: Date })
  timestamp!: Date;
}
