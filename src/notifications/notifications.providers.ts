import type { Provider } from '@nestjs/common';
import { PauseListenersExplorer } from './pause-listeners.explorer.js';
import { WebhookDeliveryStore } from './webhook-delivery.store.js';
import { WebhookDispatcher } from './webhook.dispatcher.js';

export const notificationsProviders: Provider[] = [PauseListenersExplorer, WebhookDeliveryStore, WebhookDispatcher];
