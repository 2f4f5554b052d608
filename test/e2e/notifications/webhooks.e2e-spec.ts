import { jest } from '@jest/globals';
import { Logger } from '@nestjs/common';
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
/** 127.0.0.1:<port> */
let host: string;
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
  host = `127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise((resolve) => server.close(resolve)));

/** `credentials`: `user:password` put in the webhook's URL. */
async function appWith(
  path: string,
  extra: { flowNames?: string[]; maxAttempts?: number; credentials?: string } = {},
): Promise<FlowApp> {
  const url = `http://${extra.credentials ? `${extra.credentials}@` : ''}${host}${path}`;
  return createFlowApp([GreetFlows], {
    notifications: {
      webhooks: [{ url, secret: 'hook-secret', flowNames: extra.flowNames }],
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

/** Every row of the delivery log of a run, as stored, once the first is in `state`. */
async function deliveryRows(flowApp: FlowApp, runId: string, state: string): Promise<Array<Record<string, unknown>>> {
  const query = 'SELECT * FROM webhook_deliveries WHERE run_id = ?';
  return until(
    async () => {
      const rows = (await flowApp.dataSource.query(query, [runId])) as Array<Record<string, unknown>>;
      return rows[0]?.state === state ? rows : false;
    },
    `the delivery to be ${state}`,
    5000,
  );
}

describe('a webhook URL with credentials (https://user:password@host/...)', () => {
  const PASSWORD = 'hook-p4ss';
  const credentials = `hook-user:${PASSWORD}`;
  let lines: string[];
  let spies: Array<{ mockRestore(): void }>;
  beforeEach(() => {
    lines = [];
    spies = (['log', 'warn', 'error', 'debug', 'verbose', 'fatal'] as const).map((level) =>
      jest.spyOn(Logger.prototype, level).mockImplementation((...args: unknown[]) => void lines.push(args.map(String).join(' '))),
    );
  });
  afterEach(() => spies.forEach((spy) => spy.mockRestore()));

  it('stores and logs the URL with its credentials masked, even when delivery fails', async () => {
    script.set('/failing', [500, 500]);
    const flowApp = await appWith('/failing', { credentials, maxAttempts: 2 });
    try {
      const run = await flowApp.startPaused('greet-user');
      const rows = await deliveryRows(flowApp, run.id, 'failed');
      expect(JSON.stringify(rows)).not.toContain(PASSWORD);
      expect(rows[0]).toMatchObject({ url: `http://***@${host}/failing`, last_error: 'HTTP 500', attempts: 2 });
      expect(lines.find((line) => line.includes('/failing'))).toContain(`http://***@${host}/failing`);
      expect(lines.join('\n')).not.toContain(PASSWORD);
    } finally {
      await flowApp.close();
    }
  });

  it('sends the credentials as a basic authorization header, never in the stored row', async () => {
    const flowApp = await appWith('/basic', { credentials });
    try {
      const run = await flowApp.startPaused('greet-user');
      const rows = await deliveryRows(flowApp, run.id, 'delivered');
      const [request] = received.filter((r) => r.path === '/basic');
      expect(request.headers.authorization).toBe(`Basic ${Buffer.from(credentials).toString('base64')}`);
      expect(rows[0].url).toBe(`http://***@${host}/basic`);
      expect(lines.join('\n')).not.toContain(PASSWORD);
    } finally {
      await flowApp.close();
    }
  });
});

it("the body carries the run as the API shows it: not the node holding it (leaseOwner: host and pid), nor the pause's replay position", async () => {
  const flowApp = await appWith('/body');
  try {
    const run = await flowApp.startPaused('greet-user');
    await deliveryRows(flowApp, run.id, 'delivered');
    const [request] = received.filter((r) => r.path === '/body');
    const held = await flowApp.runs.getFlowRun(run.id);
    expect(held.leaseOwner).toEqual(expect.any(String));
    expect(request.body).not.toContain(held.leaseOwner);
    const { run: sent } = JSON.parse(request.body) as { run: Record<string, unknown> };
    expect(Object.keys(sent).sort()).toEqual(
      [
        'attempt',
        'createdAt',
        'error',
        'flowName',
        'id',
        'inputRequest',
        'parameters',
        'pauseExpiresAt',
        'result',
        'scheduledAt',
        'state',
        'stateMessage',
        'updatedAt',
        'version',
      ].sort(),
    );
    expect(sent).toMatchObject({ id: run.id, flowName: 'greet-user', state: 'PAUSED' });
    expect(sent.inputRequest).toMatchObject({ key: 'pause-1', inputType: 'UserNameInput', suspended: false });
    expect(sent.inputRequest).not.toHaveProperty('step');
  } finally {
    await flowApp.close();
  }
});
