import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { NESTFLOW_DATA_SOURCE } from '../persistence/data-source.token.js';
import { WebhookDeliveryEntity } from '../persistence/entities/index.js';
import { StoreWriter } from '../persistence/store-writer.js';

/** The webhook delivery log. */
@Injectable()
export class WebhookDeliveryStore {
  constructor(
    @Inject(NESTFLOW_DATA_SOURCE) private readonly dataSource: DataSource,
    private readonly writer: StoreWriter,
  ) {}

  async start(url: string, runId: string, event: string): Promise<WebhookDeliveryEntity> {
    const now = new Date();
    const delivery = Object.assign(new WebhookDeliveryEntity(), {
      id: randomUUID(),
      url,
      runId,
      event,
      state: 'pending',
      attempts: 0,
      lastStatus: null,
      lastError: null,
      createdAt: now,
      updatedAt: now,
    });
    await this.writer.write((manager) => manager.insert(WebhookDeliveryEntity, delivery));
    return delivery;
  }

  async record(delivery: WebhookDeliveryEntity, changes: Partial<WebhookDeliveryEntity>): Promise<void> {
    Object.assign(delivery, changes, { updatedAt: new Date() });
    const { id, ...rest } = delivery;
    await this.writer.write((manager) => manager.update(WebhookDeliveryEntity, { id }, rest));
  }

  /** Deliveries for a run, oldest first. */
  deliveriesOf(runId: string): Promise<WebhookDeliveryEntity[]> {
    return this.dataSource.manager.find(WebhookDeliveryEntity, { where: { runId }, order: { createdAt: 'ASC' } });
  }
}
