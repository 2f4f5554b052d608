import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { ClientOperation } from '../../domain/client-request.js';

export type { ClientOperation };

/**
 * A client request that took effect, by its idempotency key (`requestId`): written in the same
 * statement or transaction as the change it caused, so a committed change always has its row.
 */
@Entity('flow_run_requests')
@Index('idx_flow_run_requests_run', ['runId'])
export class ClientRequestEntity {
  /** The client's key, unique across runs and operations. */
  @PrimaryColumn({ name: 'request_id', type: 'varchar', length: 128 })
  requestId!: string;

  @Column({ name: 'run_id', type: 'varchar', length: 36 })
  runId!: string;

  @Column({ type: 'varchar', length: 16 })
  operation!: ClientOperation;

  /** sha256 (hex) of the canonical JSON of what was asked: a retry must ask the same. */
  @Column({ type: 'varchar', length: 64 })
  fingerprint!: string;

  /** The pause key answered, or the mailbox key sent; null for a cancel. */
  @Column({ name: 'input_key', type: 'varchar', length: 200, nullable: true })
  inputKey!: string | null;

  @Column({ name: 'created_at', type: Date })
  createdAt!: Date;
}
