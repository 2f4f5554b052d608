import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Page } from 'playwright-core';
import { FlowRunService } from '../../../src/index.js';
import { FailOnceFlows } from '../../fixtures/fail-once.flows.js';
import { startDemoApp, type GraphqlApp } from '../../helpers/graphql-app.js';
import { chromiumSkipReason, launchChromium, type Chromium } from './chromium.js';
import { badge, fieldError, isFocused, unlabelledFields } from './page-checks.js';

const ARTIFACTS = fileURLToPath(new URL('../../../test-artifacts/', import.meta.url));
const skipReason = chromiumSkipReason();
if (skipReason) console.warn(skipReason);
const describeWithChromium = skipReason ? describe.skip : describe;
const LIVE_TIMEOUT = 10_000;

/** The web inbox in a real browser, against the demo app (`npm start`) on a free port. */
describeWithChromium('web inbox (/ui) in Chromium', () => {
  let app: GraphqlApp;
  let chromium: Chromium;
  let page: Page;
  let uiUrl: string;
  const pageErrors: string[] = [];
  const graphqlPosts: string[] = [];

  beforeAll(async () => {
    app = await startDemoApp({}, [FailOnceFlows]);
    uiUrl = app.httpUrl.replace(/\/graphql$/, '/ui');
    chromium = await launchChromium();
    page = chromium.context.pages()[0] ?? (await chromium.context.newPage());
    page.on('pageerror', (error) => pageErrors.push(error.message));
    page.on('request', (request) => request.url().endsWith('/graphql') && graphqlPosts.push(request.postData() ?? ''));
  });

  afterAll(async () => {
    await chromium?.close();
    await app?.close();
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

    // The list row and the detail turn PAUSED through the subscription, no reload.
    await badge(page.locator(`nav a[data-run-id="${runId}"]`), 'PAUSED').waitFor({ timeout: LIVE_TIMEOUT });
    const form = page.getByRole('region', { name: /^Paused: waiting for ShirtOrder/ });
    await form.waitFor({ timeout: LIVE_TIMEOUT });
    await form.getByText('Pick a size and a color (green: medium and up)').waitFor();
    await form.getByText(/^Expires in \d\d:\d\d$/).waitFor();
    expect(await unlabelledFields(form)).toEqual([]);
    expect(await form.getByLabel('size').evaluate((el) => el.tagName)).toBe('SELECT');
    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: `${ARTIFACTS}paused-form.png`, fullPage: true });

    // While nothing happens, nothing is fetched: live data comes over the socket, not by polling.
    const postsBefore = graphqlPosts.length;
    await page.waitForTimeout(1000);
    expect(graphqlPosts.length).toBe(postsBefore);

    await form.getByLabel('size').selectOption('small');
    await form.getByLabel('color').selectOption('green');
    await form.getByRole('button', { name: 'Resume' }).click();
    await form.getByRole('alert').filter({ hasText: 'The server rejected the input' }).waitFor();
    expect(await fieldError(form.getByLabel('color'))).toContain('Green is only in-stock for medium, large, and XL sizes.');
    expect(await fieldError(form.getByLabel('size'))).toBe('');
    expect(await page.getByTestId('run-state').textContent()).toBe('PAUSED');
    await page.screenshot({ path: `${ARTIFACTS}paused-form-violation.png`, fullPage: true });

    await form.getByLabel('size').selectOption('medium');
    await form.getByRole('button', { name: 'Resume' }).click();
    await badge(page.getByTestId('run-state'), 'COMPLETED').waitFor({ timeout: LIVE_TIMEOUT });
    await page.getByRole('log', { name: 'Run logs' }).getByText('Shirt order: medium, green').waitFor({ timeout: LIVE_TIMEOUT });
    await badge(page.locator(`nav a[data-run-id="${runId}"]`), 'COMPLETED').waitFor();
    expect(await page.getByRole('region', { name: 'Result' }).textContent()).toContain('"sku": "medium-green"');

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
    await page.keyboard.press('Enter'); // the Start button
    await dialog.getByRole('alert').filter({ hasText: 'Parameters are not valid JSON' }).waitFor();

    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    expect(await isFocused(start)).toBe(true);
    expect(await unlabelledFields(page.getByRole('group', { name: 'Filter runs' }))).toEqual([]);
    expect(pageErrors).toEqual([]);
  });
});
