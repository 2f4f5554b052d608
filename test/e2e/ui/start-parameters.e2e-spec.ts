import { afterAll, beforeAll, expect, it } from '@jest/globals';
import type { Page } from 'playwright-core';
import { FlowRunService } from '../../../src/index.js';
import { startDemoApp, type GraphqlApp } from '../../helpers/graphql-app.js';
import { seriousViolations } from './axe.js';
import { launchChromium, type Chromium } from './chromium.js';
import { DESKTOP, describeWithChromium, inboxUrl, LIVE_TIMEOUT, screenshot } from './inbox-kit.js';
import { fieldError, unlabelledFields } from './page-checks.js';

/**
 * The Start dialog of a flow with a parameters class (the demo's buy-shirt, `ShirtPurchase`): a
 * form generated from `parametersSchema`, not a JSON box. The browser checks what the schema
 * says, the server its cross-field rule; refused parameters create no run.
 */
describeWithChromium('starting a parameterised flow in the web inbox', () => {
  let app: GraphqlApp;
  let chromium: Chromium;
  let page: Page;
  let runs: FlowRunService;
  const pageErrors: string[] = [];
  const buyShirtRuns = async () => (await runs.listFlowRuns({ flowName: 'buy-shirt' })).totalCount;

  beforeAll(async () => {
    app = await startDemoApp();
    runs = app.app.get(FlowRunService);
    chromium = await launchChromium();
    page = chromium.context.pages()[0] ?? (await chromium.context.newPage());
    await page.setViewportSize(DESKTOP);
    page.on('pageerror', (error) => pageErrors.push(error.message));
  });

  afterAll(async () => {
    await chromium?.close();
    await app?.close();
  });

  it('fills the generated form, shows the browser’s and the server’s violations at their fields, then starts the run', async () => {
    await page.goto(inboxUrl(app));
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
    expect((await runs.getFlowRun(runId)).parameters).toEqual({ customer: 'Ada', maxPrice: 20, preferredColor: 'green' });
    const order = page.getByRole('region', { name: /^Shirt ?order$/i });
    await order.getByText('Pick a shirt for Ada (at most 20 EUR)').waitFor({ timeout: LIVE_TIMEOUT });
    expect(await order.getByLabel('Colour').locator('option:checked').textContent()).toBe('green');
    expect(pageErrors).toEqual([]);
  });
});
