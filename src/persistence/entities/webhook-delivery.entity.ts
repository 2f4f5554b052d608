import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

export type WebhookDeliveryState = 'pending' | 'delivered' | 'failed';

/** One webhook notification and how its delivery went (the delivery log). */
@Entity('webhook_deliveries')
@Index('idx_webhook_deliveries_run', ['runId'])
export class WebhookDeliveryEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ type: 'text' })
  url!: string;

  @Column({ name: 'run_id', type: 'varchar', length: 36 })
  runId!: string;

  @Column({ type: 'varchar', length: 32 })
  event!: string;

  @Column({ type: 'varchar', length: 16 })
  state!: WebhookDeliveryState;

  @Column({ type: 'integer', default: 0 })
  attempts!: number;

  @Column({ name: 'last_status', type: 'integer', nullable: true })
  lastStatus!: number | null;

  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError!: string | null;

  @Column({ name: 'created_at', type: Date })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: Date })
  updatedAt!: Date;
}
