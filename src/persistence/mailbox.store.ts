import { Inject, Injectable } from '@nestjs/common';
import { type DataSource, IsNull, Not } from 'typeorm';
import { MailboxFullError } from '../domain/errors/mailbox-full.error.js';
import { NESTFLOW_DATA_SOURCE } from './data-source.token.js';
import { MailboxMessageEntity, type MessageOrigin } from './entities/index.js';
import { HOT_STATEMENTS, type HotStatements, type RequestToStore } from './sql/hot-statements.js';

/** A message to put in a run's mailbox. */
export interface NewMessage {
  runId: string;
  /** Flows and clients each have their own keys: neither can take the other's. */
  origin: MessageOrigin;
  key: string;
  inputType: string;
  value: unknown;
  senderRunId: string | null;
}

/** Run mailboxes: messages kept until received, each received once, by one durable step. */
@Injectable()
export class MailboxStore {
  constructor(
    @Inject(NESTFLOW_DATA_SOURCE) private readonly dataSource: DataSource,
    @Inject(HOT_STATEMENTS) private readonly sql: HotStatements,
  ) {}

  /**
   * Stores the message; a message with the same origin and key is not stored twice (`duplicate: true`). With
   * `request` (a client's requestId), its record is stored with the message, both or neither.
   * MailboxFullError if the run already has `maxWaiting` messages of the same origin waiting unreceived.
   */
  async send(
    message: NewMessage,
    maxWaiting: number,
    request?: RequestToStore,
  ): Promise<{ message: MailboxMessageEntity; duplicate: boolean }> {
    const row = Object.assign(new MailboxMessageEntity(), message, {
      receivedStep: null,
      receivedAt: null,
      createdAt: new Date(),
    });
    let failure: unknown = new MailboxFullError(message.runId, maxWaiting);
    const id = await this.sql.insertMessage({ ...message, at: row.createdAt }, maxWaiting, request).catch((error: unknown) => {
      failure = error;
      return null;
    });
    if (id !== null) return { message: Object.assign(row, { id }), duplicate: false };
    // The key is taken (or the mailbox is full and this is a retry of a message in it): that
    // message stands. A taken requestId with a fresh key finds none: its error is rethrown.
    const existing = await this.dataSource.manager
      .findOneBy(MailboxMessageEntity, { runId: message.runId, origin: message.origin, key: message.key })
      .catch(() => null);
    if (!existing) throw failure;
    return { message: existing, duplicate: true };
  }

  /** Messages the run already received, for its replay record. */
  receivedBy(runId: string): Promise<MailboxMessageEntity[]> {
    return this.dataSource.manager.find(MailboxMessageEntity, {
      where: { runId, receivedStep: Not(IsNull()) },
      order: { id: 'ASC' },
    });
  }

  /** Marks the oldest unread message of one of `inputTypes` as received by `step`, and returns it. */
  async claimNext(runId: string, inputTypes: string[], key: string | null, step: number): Promise<MailboxMessageEntity | null> {
    const id = await this.sql.claimMessage(runId, inputTypes, key, step, new Date());
    return id === null ? null : this.dataSource.manager.findOneBy(MailboxMessageEntity, { id });
  }
}
