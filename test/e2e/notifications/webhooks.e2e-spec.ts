import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { GreetFlows } from '../../../src/demo/greet/greet.flows.js';
import { FlowRunState, verifyWebhookSignature } from '../../../src/index.js';
import { WebhookDeliveryStore } from '../../../src/notifications/webhook-delivery.store.js';
import { createFlowApp, type FlowApp } from '../../helpers/flow-app.js';
import { until } from '../../helpers/child-app.js';
import { eventually } from '../../helpers/graphql-app.js';

interface Received {
  path: string;
  headers: IncomingMessage['headers'];
  body: string;
}

let server: Server;
let base: string;
const received: Received[] = [];
/** Status per path for the next request, consumed in order; then 200. */
const script = new Map<string, number[]>();

beforeAll(async () => {
  server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => (body += chunk));
    request.on('end', () => {
      received.push({ path: request.url!, headers: request.headers, body });
      response.statusCode = script.get(request.url!)?.shift() ?? 200;
      response.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise((resolve) => server.close(resolve)));

async function appWith(path: string, extra: { flowNames?: string[]; maxAttempts?: number } = {}): Promise<FlowApp> {
  return createFlowApp([GreetFlows], {
    notifications: {
      webhooks: [{ url: `${base}${path}`, secret: 'hook-secret', flowNames: extra.flowNames }],
      maxAttempts: extra.maxAttempts ?? 4,
      retryDelayMs: 10,
    },
  });
}

it('posts each pause, signed, retrying with back-off until the receiver accepts, and logs the delivery', async () => {
  script.set('/retry', [500, 503]);
  const flowApp = await appWith('/retry');
  try {
    const run = await flowApp.startPaused('greet-user');
    const log = flowApp.app.get(WebhookDeliveryStore);
    await eventually(() => received.filter((r) => r.path === '/retry').length === 3, 'three attempts');
    const last = received.filter((r) => r.path === '/retry').at(-1)!;
    const signature = last.headers['x-nestflow-signature'] as string;
    expect(verifyWebhookSignature('hook-secret', last.headers['x-nestflow-timestamp'] as string, last.body, signature)).toBe(
      true,
    );
    expect(verifyWebhookSignature('other-secret', last.headers['x-nestflow-timestamp'] as string, last.body, signature)).toBe(
      false,
    );
    const payload = JSON.parse(last.body);
    expect(payload).toMatchObject({ event: 'run.paused', run: { id: run.id, flowName: 'greet-user', state: 'PAUSED' } });
    expect(payload.run.inputRequest).toMatchObject({
      key: 'pause-1',
      inputType: 'UserNameInput',
      initialData: { name: 'anonymous' },
    });
    const [delivery] = await until(async () => {
      const deliveries = await log.deliveriesOf(run.id);
      return deliveries[0]?.state === 'delivered' ? deliveries : false;
    }, 'the delivery to be logged as delivered');
    expect(delivery).toMatchObject({ state: 'delivered', attempts: 3, lastStatus: 200, lastError: null });
    expect(payload.deliveryId).toBe(delivery.id);
  } finally {
    await flowApp.close();
  }
});

it('a receiver that always fails is logged as failed and never affects the run', async () => {
  script.set('/down', Array(10).fill(500));
  const flowApp = await appWith('/down', { maxAttempts: 2 });
  try {
    const run = await flowApp.startPaused('greet-user');
    const log = flowApp.app.get(WebhookDeliveryStore);
    const [delivery] = await until(async () => {
      const deliveries = await log.deliveriesOf(run.id);
      return deliveries[0]?.state === 'failed' ? deliveries : false;
    }, 'the delivery to fail');
    expect(delivery).toMatchObject({ attempts: 2, lastStatus: 500, lastError: 'HTTP 500' });
    expect((await flowApp.runs.getFlowRun(run.id)).state).toBe(FlowRunState.PAUSED);
    await flowApp.runs.resumeFlowRun(run.id, { name: 'Ada' });
    expect((await flowApp.runs.waitForFlowRun(run.id)).state).toBe(FlowRunState.COMPLETED);
  } finally {
    await flowApp.close();
  }
});

it('only sends the flows a webhook asks for', async () => {
  const flowApp = await appWith('/only-shop', { flowNames: ['get-shirt-order'] });
  try {
    const run = await flowApp.startPaused('greet-user');
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(received.filter((r) => r.path === '/only-shop')).toHaveLength(0);
    expect(await flowApp.app.get(WebhookDeliveryStore).deliveriesOf(run.id)).toEqual([]);
  } finally {
    await flowApp.close();
  }
});
