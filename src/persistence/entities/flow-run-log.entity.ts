import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export type LogLevel = 'debug' | 'verbose' | 'info' | 'warn' | 'error' | 'fatal';

/** A line written through `getRunLogger()`. */
@Entity('flow_run_logs')
@Index('idx_flow_run_logs_run', ['runId', 'id'])
export class FlowRunLogEntity {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ name: 'run_id', type: 'varchar', length: 36 })
  runId!: string;

  @Column({ type: 'varchar', length: 8 })
  level!: LogLevel;

  @Column({ type: 'text' })
  message!: string;

  @Column({ type: Date })
  timestamp!: Date;
}
