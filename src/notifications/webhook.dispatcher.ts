import { Inject, Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { setTimeout as sleep } from 'node:timers/promises';
import { NESTFLOW_METRICS, type NestflowMetrics } from '../observability/nestflow-metrics.js';
import { EVENT_BUS, type EventBus } from '../events/event-bus.js';
import type { RunPausedEvent } from '../events/nestflow-event.js';
import { NESTFLOW_OPTIONS } from '../config/nestflow.constants.js';
import type { ResolvedNestflowOptions, WebhookOptions } from '../config/nestflow.options.js';
import { RunStore } from '../persistence/run.store.js';
import type { FlowRun } from '../domain/flow-run.js';
import type { PauseNotice } from '../domain/pause-timers.js';
import { webhookBody } from './webhook-body.js';
import { WebhookDeliveryStore } from './webhook-delivery.store.js';
import { signWebhook } from './webhook-signature.js';
import { webhookTarget } from './webhook-target.js';

/**
 * POSTs every pause that happened on this node, and each reminder and escalation of a pause
 * this node claimed, to the configured webhooks, signed, retried with back-off, and logged in
 * `webhook_deliveries`. Runs never wait for it nor see its failures.
 * Credentials in a webhook URL are sent as a basic authorization header and never logged or
 * stored: the log and the table show the URL as `https://***@host/…`.
 */
@Injectable()
export class WebhookDispatcher implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('nestflow:webhooks');
  private readonly abort = new AbortController();
  private readonly inFlight = new Set<Promise<void>>();
  private off?: () => void;

  constructor(
    @Inject(NESTFLOW_OPTIONS) private readonly options: ResolvedNestflowOptions,
    @Inject(EVENT_BUS) private readonly bus: EventBus,
    private readonly store: RunStore,
    private readonly deliveries: WebhookDeliveryStore,
    @Inject(NESTFLOW_METRICS) private readonly metrics: NestflowMetrics,
  ) {}

  onModuleInit(): void {
    if (!this.options.notifications.webhooks.length) return;
    this.off = this.bus.subscribe('run.paused', (event) => {
      if (event.remote) return; // the node where the pause happened delivers it
      const delivery = this.deliverAll(event).catch((error: Error) => this.logger.error(error.message));
      this.inFlight.add(delivery);
      void delivery.finally(() => this.inFlight.delete(delivery));
    });
  }

  /** Stops retrying; deliveries cut short stay `pending` in the log. */
  async onApplicationShutdown(): Promise<void> {
    this.off?.();
    this.abort.abort();
    await Promise.allSettled([...this.inFlight]);
  }

  private async deliverAll(event: RunPausedEvent): Promise<void> {
    const hooks = this.options.notifications.webhooks.filter(
      (hook) => !hook.flowNames || hook.flowNames.includes(event.flowName),
    );
    if (!hooks.length) return;
    const run = event.run ?? (await this.store.findRun(event.runId));
    if (run) await Promise.all(hooks.map((hook) => this.deliver(hook, run, event.notice)));
  }

  private async deliver(hook: WebhookOptions, run: FlowRun, notice?: PauseNotice): Promise<void> {
    const { maxAttempts, retryDelayMs, timeoutMs } = this.options.notifications;
    const { url, authorization, shown } = webhookTarget(hook.url);
    const delivery = await this.deliveries.start(shown, run.id, 'run.paused');
    const body = webhookBody(delivery.id, run, notice);
    for (let attempt = 1; attempt <= maxAttempts && !this.abort.signal.aborted; attempt++) {
      const timestamp = String(Date.now());
      const headers: Record<string, string> = {
        'content-type': 'application/json',
        'x-nestflow-delivery': delivery.id,
        'x-nestflow-timestamp': timestamp,
      };
      if (hook.secret) headers['x-nestflow-signature'] = signWebhook(hook.secret, timestamp, body);
      if (authorization) headers.authorization = authorization;
      const outcome = await fetch(url, {
        method: 'POST',
        headers,
        body,
        signal: AbortSignal.any([this.abort.signal, AbortSignal.timeout(timeoutMs)]),
      })
        .then((response) => ({ status: response.status, error: response.ok ? null : `HTTP ${response.status}` }))
        .catch((error: Error) => ({ status: null, error: error.message }));
      const done = outcome.error === null;
      const state = done ? 'delivered' : attempt === maxAttempts ? 'failed' : 'pending';
      this.metrics.webhookDelivery(state === 'pending' ? 'retrying' : state);
      await this.deliveries.record(delivery, { attempts: attempt, lastStatus: outcome.status, lastError: outcome.error, state });
      if (done) return;
      if (state === 'failed') this.logger.warn(`Webhook ${shown} failed ${attempt} times for run ${run.id}: ${outcome.error}`);
      else await sleep(retryDelayMs * 2 ** (attempt - 1), undefined, { signal: this.abort.signal }).catch(() => undefined);
    }
  }
}
