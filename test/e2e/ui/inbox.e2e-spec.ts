import { afterAll, beforeAll, expect, it } from '@jest/globals';
import type { Page, WebSocketRoute } from 'playwright-core';
import { FlowRunService, FlowRunState } from '../../../src/index.js';
import { AskAgainFlows } from '../../fixtures/durable/ask-again.flows.js';
import { FailOnceFlows } from '../../fixtures/fail-once.flows.js';
import { startDemoApp, type GraphqlApp } from '../../helpers/graphql-app.js';
import { seriousViolations } from './axe.js';
import { launchChromium, type Chromium } from './chromium.js';
import { DESKTOP, describeWithChromium, inboxUrl, LIVE_TIMEOUT, screenshot, startRun } from './inbox-kit.js';
import { badge, fieldError, isFocused, unlabelledFields } from './page-checks.js';

/**
 * The web inbox in a real browser, against the demo app (`npm start`) on a free port, with
 * authentication off. The page's graphql-ws socket goes through a Playwright route, so a test
 * can drop it as a server restart would.
 */
describeWithChromium('web inbox (/ui) in Chromium', () => {
  let app: GraphqlApp;
  let chromium: Chromium;
  let page: Page;
  let uiUrl: string;
  const pageErrors: string[] = [];
  const graphqlPosts: string[] = [];
  const sockets: WebSocketRoute[] = [];
  const buyShirtRuns = async () => (await app.app.get(FlowRunService).listFlowRuns({ flowName: 'buy-shirt' })).totalCount;

  beforeAll(async () => {
    app = await startDemoApp({}, [FailOnceFlows, AskAgainFlows]);
    uiUrl = inboxUrl(app);
    chromium = await launchChromium();
    page = chromium.context.pages()[0] ?? (await chromium.context.newPage());
    await page.setViewportSize(DESKTOP);
    page.on('pageerror', (error) => pageErrors.push(error.message));
    page.on('request', (request) => request.url().endsWith('/graphql') && graphqlPosts.push(request.postData() ?? ''));
    await page.routeWebSocket(/\/graphql$/, (socket) => {
      socket.connectToServer();
      sockets.push(socket);
    });
  });

  afterAll(async () => {
    await chromium?.close();
    await app?.close();
  });

  it('welcomes an empty store with "No runs yet — start one", not "No runs match"', async () => {
    await page.goto(uiUrl);
    const runs = page.getByRole('navigation'); // named after the view: 'Needs answer', then 'Runs'
    await runs.getByText('No runs yet — start one.').waitFor();
    await runs.getByLabel('Show').selectOption('');
    await runs.getByText('No runs yet — start one.').waitFor();
    await runs.getByLabel('Show').selectOption('FAILED');
    await runs.getByText('No runs yet — start one.').waitFor();
    await runs.getByRole('button', { name: 'Start a run' }).click();
    await page.getByRole('dialog', { name: 'Start a run' }).getByRole('button', { name: 'Close' }).click();
    expect(pageErrors).toEqual([]);
  });

  it('starts get-shirt-order, shows it paused live, reports the server violation on color, then completes', async () => {
    await page.goto(uiUrl);
    await page.evaluate(() => Object.assign(globalThis, { notReloaded: true }));
    await page.getByRole('status', { name: 'Live updates: Live' }).waitFor();

    await page.getByRole('button', { name: 'Start run' }).click();
    const dialog = page.getByRole('dialog', { name: 'Start a run' });
    await dialog.getByLabel('Flow').selectOption('get-shirt-order');
    await dialog.getByRole('button', { name: 'Start' }).click();
    await page.waitForURL(/\/ui\/runs\/[0-9a-f-]+$/);
    const runId = page.url().split('/').pop()!;

    // The list row (the needs-answer view) and the detail turn PAUSED through the subscription, no reload.
    await badge(page.locator(`nav a[data-run-id="${runId}"]`), 'PAUSED').waitFor({ timeout: LIVE_TIMEOUT });
    const form = page.getByRole('region', { name: /^Shirt ?order$/i });
    await form.waitFor({ timeout: LIVE_TIMEOUT });
    await form.getByText('Pick a size and a color (green: medium and up)').waitFor();
    await form.getByText(/^Paused: waiting for your answer · Expires in \d\d:\d\d$/).waitFor();
    expect(await unlabelledFields(form)).toEqual([]);
    expect(await form.getByLabel('size').evaluate((el) => el.tagName)).toBe('SELECT');
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'desktop-paused-form');

    // While nothing happens, nothing is fetched: live data comes over the socket, not by polling.
    const postsBefore = graphqlPosts.length;
    await page.waitForTimeout(1000);
    expect(graphqlPosts.length).toBe(postsBefore);

    await form.getByLabel('size').selectOption('small');
    await form.getByLabel(/colou?r/i).selectOption('green');
    await form.getByRole('button', { name: 'Resume' }).click();
    const banner = form.getByRole('alert').filter({ hasText: 'Some answers need fixing: see the marked fields.' });
    await banner.waitFor();
    expect(await fieldError(form.getByLabel(/colou?r/i))).toContain('Green is only in-stock for medium, large, and XL sizes.');
    expect(await fieldError(form.getByLabel('size'))).toBe('');
    expect(await page.getByTestId('run-state').textContent()).toBe('PAUSED');
    await screenshot(page, 'desktop-paused-form-violation');

    // Fixing a field takes the banner and the server's field message away.
    await form.getByLabel('size').selectOption('medium');
    await banner.waitFor({ state: 'detached' });
    expect(await fieldError(form.getByLabel(/colou?r/i))).toBe('');

    await form.getByRole('button', { name: 'Resume' }).click();
    const outcome = page.getByTestId('answer-outcome');
    await outcome.getByText(/^Your answer to “Shirt ?order” was sent\. The run continues\.$/i).waitFor();
    expect(await isFocused(outcome)).toBe(true);
    await badge(page.getByTestId('run-state'), 'COMPLETED').waitFor({ timeout: LIVE_TIMEOUT });
    await page.getByRole('log', { name: 'Run logs' }).getByText('Shirt order: medium, green').waitFor({ timeout: LIVE_TIMEOUT });
    expect(await page.getByRole('region', { name: 'Result' }).textContent()).toContain('"sku": "medium-green"');
    expect(await isFocused(outcome)).toBe(true); // the live update did not take the focus away
    const answers = page.getByRole('region', { name: 'Answers' });
    await answers.getByText(/answered by Someone/).waitFor(); // authentication is off: no principal
    expect(await answers.textContent()).toContain('medium');

    // Answered, the run leaves the needs-answer view.
    await page.locator(`nav a[data-run-id="${runId}"]`).waitFor({ state: 'detached', timeout: LIVE_TIMEOUT });
    expect(await page.evaluate(() => 'notReloaded' in globalThis)).toBe(true);
    expect(pageErrors).toEqual([]);
  });

  it('retries a FAILED run after a confirmation with a reason, and shows it completing live', async () => {
    const runs = app.app.get(FlowRunService);
    const run = await runs.createFlowRun('ship-parcel');
    await runs.waitForFlowRun(run.id, { timeout: 5000 });
    await page.goto(`${uiUrl}/runs/${run.id}`);
    await page.getByRole('alert').filter({ hasText: 'The carrier is down' }).waitFor();
    await page.getByRole('button', { name: 'Retry run' }).click();
    const dialog = page.getByRole('dialog', { name: 'Retry this run?' });
    expect(await unlabelledFields(dialog)).toEqual([]);
    await dialog.getByLabel(/^Reason/).fill('carrier is back');
    await dialog.getByRole('button', { name: 'Retry', exact: true }).click();
    await badge(page.getByTestId('run-state'), 'COMPLETED').waitFor({ timeout: LIVE_TIMEOUT });
    expect(await page.getByRole('button', { name: 'Retry run' }).count()).toBe(0);
    await page.getByText('Retried: carrier is back').waitFor({ timeout: LIVE_TIMEOUT });
    expect(pageErrors).toEqual([]);
  });

  it('a retried run asking again says whose earlier answer its form starts from', async () => {
    const runs = app.app.get(FlowRunService);
    const run = await startRun(app, 'asked-again');
    await runs.resumeFlowRun(run.id, { size: 'S', color: 'red' }, 'order', { resumedBy: 'alice' });
    await runs.waitForFlowRun(run.id, { states: [FlowRunState.PAUSED], timeout: 10_000 }); // ship failed; attempt 2 asks again
    await page.goto(`${uiUrl}/runs/${run.id}`);
    const form = page.getByRole('region', { name: 'Shirt' });
    await form.getByText(/Asked again: attempt 1 was answered by alice/).waitFor({ timeout: LIVE_TIMEOUT });
    expect(await form.getByLabel(/^Color/i).inputValue()).toBe('red');
    expect(pageErrors).toEqual([]);
    await runs.cancelFlowRun(run.id);
  });

  it('cancels only after a confirmation, from a button away from Resume', async () => {
    const run = await startRun(app, 'greet-user');
    await page.goto(`${uiUrl}/runs/${run.id}`);
    const form = page.getByRole('region', { name: /^User ?name/i });
    await form.waitFor();
    expect(await form.getByRole('button', { name: /cancel/i }).count()).toBe(0);

    const cancel = page.getByRole('region', { name: 'Stop this run' }).getByRole('button', { name: 'Cancel run…' });
    await cancel.click();
    const dialog = page.getByRole('dialog', { name: 'Cancel this run?' });
    await dialog.getByRole('button', { name: 'Keep it' }).click();
    await dialog.waitFor({ state: 'hidden' });
    expect(await page.getByTestId('run-state').textContent()).toBe('PAUSED');

    await cancel.click();
    await dialog.getByLabel(/^Reason/).fill('duplicate request');
    await dialog.getByRole('button', { name: 'Cancel the run' }).click();
    await badge(page.getByTestId('run-state'), 'CANCELLED').waitFor({ timeout: LIVE_TIMEOUT });
    await page
      .getByText(/duplicate request/)
      .first()
      .waitFor({ timeout: LIVE_TIMEOUT });
    expect(await page.getByTestId('answer-outcome').count()).toBe(0); // cancelled here: nobody "answered first"
    expect(pageErrors).toEqual([]);
  });

  it('starts each flow with an empty parameters box and an example from its latest run', async () => {
    await startRun(app, 'approve-expense', { amount: 120 });
    await page.goto(uiUrl);
    await page.locator('button:enabled', { hasText: 'Start run' }).click();
    const dialog = page.getByRole('dialog', { name: 'Start a run' });
    const parameters = dialog.getByLabel('Parameters');
    await dialog.getByLabel('Flow').selectOption('approve-expense');
    await dialog.getByTestId('last-parameters').waitFor();
    expect(await dialog.getByTestId('last-parameters').textContent()).toBe('{"amount":120}');
    expect(await parameters.getAttribute('placeholder')).toBe('{"amount":120}');
    await parameters.fill('{ "amount": 99 }');

    await dialog.getByLabel('Flow').selectOption('get-shirt-order');
    expect(await parameters.inputValue()).toBe('');
    await dialog.getByText(/Its latest run started without parameters|No earlier run of this flow/).waitFor();
    expect(await parameters.getAttribute('placeholder')).toBe('Leave empty to start without parameters');

    await dialog.getByLabel('Flow').selectOption('approve-expense');
    await dialog.getByRole('button', { name: 'Use these' }).click();
    expect(JSON.parse(await parameters.inputValue())).toEqual({ amount: 120 });
    await dialog.getByRole('button', { name: 'Close' }).click();
    expect(pageErrors).toEqual([]);
  });

  it('reconnects within seconds after the socket drops, and clears the "cannot reach the server" message then', async () => {
    const run = await startRun(app, 'greet-user');
    await page.goto(`${uiUrl}/runs/${run.id}`);
    const form = page.getByRole('region', { name: /^User ?name/i });
    await page.getByRole('status', { name: 'Live updates: Live' }).waitFor();

    // The server goes away: HTTP fails, the socket closes.
    await page.route(/\/graphql$/, (route) => route.abort('connectionrefused'));
    let refuse = true;
    await page.routeWebSocket(/\/graphql$/, (socket) => {
      if (refuse) return void socket.close({ code: 1012, reason: 'Service Restart' });
      socket.connectToServer();
    });
    for (const socket of sockets.splice(0)) await socket.close({ code: 1012, reason: 'Service Restart' });
    await page.getByRole('status', { name: /Live updates: (Offline|Connecting)/ }).waitFor();

    await form.getByRole('button', { name: 'Resume' }).click();
    const offline = form
      .getByRole('alert')
      .filter({ hasText: 'Could not send your answer: The server cannot be reached right now' });
    await offline.waitFor();
    expect(await page.content()).not.toContain('Failed to fetch');

    // It is back: the socket reconnects in 0.5-2 s (not graphql-ws's growing backoff), the stale message goes.
    await page.unroute(/\/graphql$/);
    refuse = false;
    const back = Date.now();
    await page.getByRole('status', { name: 'Live updates: Live' }).waitFor({ timeout: 5000 });
    expect(Date.now() - back).toBeLessThan(3500);
    await offline.waitFor({ state: 'detached' });
    await form.getByRole('button', { name: 'Resume' }).click();
    await page
      .getByTestId('answer-outcome')
      .getByText(/was sent/)
      .waitFor();
    expect(pageErrors).toEqual([]);
  });

  it('works from the keyboard: labelled dialog fields, Escape closes, focus returns', async () => {
    await page.goto(uiUrl);
    const start = page.getByRole('button', { name: 'Start run' });
    await page.locator('button:enabled', { hasText: 'Start run' }).waitFor(); // once the flows are loaded
    for (let i = 0; i < 10 && !(await isFocused(start)); i++) await page.keyboard.press('Tab');
    expect(await isFocused(start)).toBe(true);

    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: 'Start a run' });
    await dialog.waitFor();
    expect(await isFocused(dialog.getByLabel('Flow'))).toBe(true);
    expect(await unlabelledFields(dialog)).toEqual([]);
    await dialog.getByLabel('Parameters').fill('{ not json');
    await dialog.getByLabel('Parameters').press('Tab');
    if (await dialog.getByRole('button', { name: 'Use these' }).isVisible()) await page.keyboard.press('Tab');
    await page.keyboard.press('Enter'); // the Start button
    await dialog.getByRole('alert').filter({ hasText: 'Parameters are not valid JSON' }).waitFor();

    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    expect(await isFocused(start)).toBe(true);
    expect(await unlabelledFields(page.getByRole('group', { name: 'Filter runs' }))).toEqual([]);
    expect(pageErrors).toEqual([]);
  });

  it("starts a flow with a parameters class through a generated form (the demo's buy-shirt): the browser's and the server's violations at their fields, then the run", async () => {
    await page.goto(uiUrl);
    await page.getByRole('status', { name: 'Live updates: Live' }).waitFor();
    await page.getByRole('button', { name: 'Start run' }).click();
    const dialog = page.getByRole('dialog', { name: 'Start a run' });
    await dialog.getByLabel('Flow').selectOption('buy-shirt');

    const customer = dialog.getByLabel('Customer');
    const maxPrice = dialog.getByLabel('Maximum price (EUR)');
    const color = dialog.getByLabel('Preferred colour');
    await customer.waitFor();
    expect(await dialog.locator('textarea').count()).toBe(0); // no JSON box
    expect(await maxPrice.getAttribute('type')).toBe('number');
    expect(await color.evaluate((el) => el.tagName)).toBe('SELECT');
    expect(await unlabelledFields(dialog)).toEqual([]);

    // Checked in the browser first: nothing is sent.
    await dialog.getByRole('button', { name: 'Start', exact: true }).click();
    await dialog.getByText('Required').first().waitFor();
    expect(await fieldError(customer)).toContain('Required');

    // A rule only the server knows: its violation shows at the field, and no run exists.
    await customer.fill('Ada');
    await maxPrice.fill('15');
    await color.selectOption('green');
    await dialog.getByRole('button', { name: 'Start', exact: true }).click();
    await dialog.getByRole('alert').filter({ hasText: 'Some parameters need fixing: see the marked fields.' }).waitFor();
    expect(await fieldError(color)).toContain('Green shirts start at 18 EUR');
    expect(await buyShirtRuns()).toBe(0);
    expect(await seriousViolations(page, 'dialog')).toEqual([]);
    await screenshot(page, 'start-parameters-violation');

    // Fixed: the run starts with the typed parameters and waits for the shirt, green preselected.
    await maxPrice.fill('20');
    await dialog.getByRole('button', { name: 'Start', exact: true }).click();
    await page.waitForURL(/\/ui\/runs\/[0-9a-f-]+$/);
    const runId = page.url().split('/').pop()!;
    expect((await app.app.get(FlowRunService).getFlowRun(runId)).parameters).toEqual({
      customer: 'Ada',
      maxPrice: 20,
      preferredColor: 'green',
    });
    const order = page.getByRole('region', { name: /^Shirt ?order$/i });
    await order.getByText('Pick a shirt for Ada (at most 20 EUR)').waitFor({ timeout: LIVE_TIMEOUT });
    expect(await order.getByLabel('Colour').locator('option:checked').textContent()).toBe('green');
    expect(pageErrors).toEqual([]);
  });
});
