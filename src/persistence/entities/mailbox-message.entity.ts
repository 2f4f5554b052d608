import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { STORED_KEY_LENGTH } from '../../domain/stored-key-length.js';
import type { StoredJson } from './stored-json.js';

/** Who sent a message: a client (FlowRunService, GraphQL) or a flow run (`sendInput` in flow code). */
export type MessageOrigin = 'client' | 'flow';

/** An input sent to a run (`sendInput`), kept until the run receives it (`receiveInput`). */
@Entity('flow_run_mailbox')
@Index('uq_flow_run_mailbox_run_origin_key', ['runId', 'origin', 'key'], { unique: true })
@Index('idx_flow_run_mailbox_pending', ['runId', 'receivedStep', 'id'])
export class MailboxMessageEntity {
  @PrimaryGeneratedColumn()
  id!: number;

  /** The recipient run. */
  @Column({ name: 'run_id', type: 'varchar', length: 36 })
  runId!: string;

  /**
   * Whose key space `key` is in. Flows derive their keys (`<sender run id>:send-<n>`), so a
   * client could guess them: in one shared space it could send first and have the flow's own
   * message dropped as a duplicate.
   */
  @Column({ type: 'varchar', length: 8, default: 'client' })
  origin!: MessageOrigin;

  /** Idempotency key: a second send from the same origin with the same key is the same message. */
  @Column({ type: 'varchar', length: STORED_KEY_LENGTH })
  key!: string;

  @Column({ name: 'input_type', type: 'varchar', length: 200 })
  inputType!: string;

  @Column({ type: 'simple-json', nullable: true })
  value!: StoredJson;

  @Column({ name: 'sender_run_id', type: 'varchar', length: 36, nullable: true })
  senderRunId!: string | null;

  /** The recipient's durable step that received it; null while unread. */
  @Column({ name: 'received_step', type: 'integer', nullable: true })
  receivedStep!: number | null;

  @Column({ name: 'received_at', type: Date, nullable: true })
  receivedAt!: Date | null;

  @Column({ name: 'created_at', type: Date })
  createdAt!: Date;
}
