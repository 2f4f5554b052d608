import { afterAll, beforeAll, expect, it } from '@jest/globals';
import type { Page } from 'playwright-core';
import { FlowRunState } from '../../../src/domain/flow-run-state.js';
import { FlowRunService } from '../../../src/index.js';
import { InboxFlows } from '../../fixtures/inbox.flows.js';
import { startDemoApp, type GraphqlApp } from '../../helpers/graphql-app.js';
import { gqlWith } from '../../helpers/secure-app.js';
import { seriousViolations } from './axe.js';
import { launchChromium, type Chromium } from './chromium.js';
import {
  DESKTOP,
  describeWithChromium,
  inboxUrl,
  LIVE_TIMEOUT,
  PHONE,
  screenshot,
  startReceiving,
  startRun,
} from './inbox-kit.js';
import { badge, fieldError, isFocused, unlabelledFields } from './page-checks.js';

const ALICE = 'alice-key-0123456789';
const BOB = 'bob-key-0123456789';
const RESUME = 'mutation ($id: ID!, $input: JSON) { resumeRun(id: $id, input: $input) { id } }';

/**
 * The people who answer runs, with API keys on: Alice and Bob, each in a tab of their own (one
 * browser, two pages: a key is kept per tab). Sign-in, the needs-answer view, a choice pause,
 * two answers to one pause, input for a run in receiveInput, and the phone's screens.
 */
describeWithChromium('answering runs in the web inbox, keys on', () => {
  let app: GraphqlApp;
  let chromium: Chromium;
  let alice: Page;
  let bob: Page;
  let uiUrl: string;
  const pageErrors: string[] = [];

  // Each test brings the page it works in to the front, as a person switching tabs would: in a
  // background tab headless Chromium draws no frames, and every click and screenshot there waits
  // for one (about 2 s each).

  /** Opens the inbox in `page` and signs in with `key` (kept for the tab). */
  async function signIn(page: Page, key: string): Promise<void> {
    await page.goto(uiUrl);
    await page.getByLabel('Inbox key').fill(key);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Needs answer' }).waitFor();
  }

  beforeAll(async () => {
    app = await startDemoApp(
      {
        security: {
          apiKeys: [
            // Roles as the demo's expense-approval asks of its approvers.
            { key: ALICE, id: 'alice', roles: ['finance'] },
            { key: BOB, id: 'bob', roles: ['cto'] },
          ],
        },
      },
      [InboxFlows],
    );
    uiUrl = inboxUrl(app);
    chromium = await launchChromium();
    alice = chromium.context.pages()[0] ?? (await chromium.context.newPage());
    bob = await chromium.context.newPage();
    for (const page of [alice, bob]) {
      await page.setViewportSize(DESKTOP);
      page.on('pageerror', (error) => pageErrors.push(error.message));
    }
  });

  afterAll(async () => {
    await chromium?.close();
    await app?.close();
  });

  it('asks for a key on a clear screen (phone and desktop), keeps a good one for the tab, and signs out', async () => {
    await alice.bringToFront();
    await alice.setViewportSize(PHONE);
    await alice.goto(uiUrl);
    await alice.getByRole('heading', { name: 'This inbox needs a key' }).waitFor();
    const text = await alice.locator('body').textContent();
    for (const jargon of ['x-api-key', 'connectionParams', 'Offline', 'UNAUTHENTICATED']) expect(text).not.toContain(jargon);
    expect(await seriousViolations(alice)).toEqual([]);
    await screenshot(alice, 'phone-sign-in');

    await alice.getByLabel('Inbox key').fill('not-a-key');
    await alice.getByRole('button', { name: 'Sign in' }).click();
    await alice.getByRole('alert').filter({ hasText: 'That key was not accepted. Check it and try again.' }).waitFor();
    await alice.getByLabel('Inbox key').fill(ALICE);
    await alice.getByRole('button', { name: 'Sign in' }).click();
    await alice.getByRole('heading', { name: 'Needs answer' }).waitFor();
    await alice.getByRole('status', { name: 'Live updates: Live' }).waitFor();

    await alice.reload(); // kept for the tab
    await alice.getByRole('status', { name: 'Live updates: Live' }).waitFor();
    await alice.getByRole('button', { name: 'Sign out' }).click();
    await alice.getByText('You signed out.').waitFor();
    await alice.setViewportSize(DESKTOP);
    await screenshot(alice, 'desktop-sign-in');
    await signIn(alice, ALICE);

    // A host with its own login (ui.signInUrl) gets a link to it on the same screen.
    await bob.route(uiUrl, async (route) => {
      const response = await route.fetch();
      const html = (await response.text()).replace('<head>', '<head><meta name="nestflow-sign-in" content="/login?next=/ui">');
      await route.fulfill({ response, body: html });
    });
    await bob.bringToFront();
    await bob.goto(uiUrl);
    await bob.getByRole('heading', { name: 'Sign in to this inbox' }).waitFor();
    const link = bob.getByRole('link', { name: 'Sign in with your account' });
    expect(await link.getAttribute('href')).toBe('/login?next=/ui');
    await bob.getByLabel('Or enter an inbox key').waitFor();
    await bob.unroute(uiUrl);
    await signIn(bob, BOB);
    expect(pageErrors).toEqual([]);
  });

  it('lands on what needs an answer: paused, suspended and receiving runs, soonest expiry first, with counts', async () => {
    const expense = await startRun(app, 'approve-expense', { amount: 80 });
    const suspended = await startRun(app, 'note-suspended', undefined, FlowRunState.SUSPENDED);
    const receiving = await startReceiving(app, 'await-reply', { 'x-api-key': ALICE });
    const soon = await startRun(app, 'note-due-soon');
    await alice.bringToFront();
    await alice.goto(uiUrl);
    const list = alice.getByRole('list', { name: 'Runs that need an answer' });
    await list.locator(`a[data-run-id="${receiving.id}"]`).waitFor({ timeout: LIVE_TIMEOUT });
    expect(await alice.getByTestId('needs-answer-counts').textContent()).toBe(
      '4 need an answer: 2 paused · 1 suspended · 1 waiting for input',
    );
    const order = await list
      .locator('a[data-run-id]')
      .evaluateAll((links) => links.map((link) => link.getAttribute('data-run-id')));
    expect(order).toEqual([soon.id, receiving.id, suspended.id, expense.id]);
    await badge(list.locator(`a[data-run-id="${receiving.id}"]`), 'WAITING FOR INPUT').waitFor();
    await list.locator(`a[data-run-id="${expense.id}"]`).getByText('Decision').waitFor();
    expect(await seriousViolations(alice)).toEqual([]);
    await screenshot(alice, 'desktop-needs-answer');

    // Live: a new pause appears without a reload; the filter narrows by flow.
    const greet = await startRun(app, 'greet-user');
    await list.locator(`a[data-run-id="${greet.id}"]`).waitFor({ timeout: LIVE_TIMEOUT });
    const filters = alice.getByRole('group', { name: 'Filter runs' });
    await filters.getByLabel('Flow').selectOption('approve-expense');
    await alice.getByTestId('needs-answer-counts').getByText('1 needs an answer: 1 paused').waitFor();
    await filters.getByLabel('Flow').selectOption('');
    expect(pageErrors).toEqual([]);
  });

  it('answers a choice pause by its labels: no internal field, no schema jargon, only the chosen option', async () => {
    const run = await startRun(app, 'approve-expense', { amount: 42 });
    await alice.bringToFront();
    await alice.goto(`${uiUrl}/runs/${run.id}`);
    const form = alice.getByRole('region', { name: 'Decision' });
    await form.getByText('Expense of 42 EUR: approve or reject').waitFor();
    const choice = form.getByRole('radiogroup', { name: 'Decision' });
    expect(
      await choice.getByRole('radio').evaluateAll((radios) => radios.map((radio) => radio.parentElement?.textContent)),
    ).toEqual(['Approve', 'Reject']);
    expect(await unlabelledFields(form)).toEqual([]);
    expect(await seriousViolations(alice)).toEqual([]);

    await form.getByRole('button', { name: 'Resume' }).click();
    await form.getByText('Choose Approve or Reject.').waitFor();
    await choice.getByRole('radio', { name: 'Approve' }).check();
    await form.getByLabel(/^Approve(r|d by)/).waitFor();
    expect(await form.getByLabel('Reason').count()).toBe(0);
    await form.getByRole('button', { name: 'Resume' }).click();
    expect(await fieldError(form.getByLabel(/^Approve(r|d by)/))).toContain('Required');
    expect(await fieldError(form.getByLabel('Comment'))).toBe(''); // optional: not red
    expect(await form.locator('.has-error').count()).toBe(1);
    const text = await form.textContent();
    for (const jargon of ['inputType', 'oneOf', 'must match', 'constant']) expect(text).not.toContain(jargon);
    await screenshot(alice, 'desktop-choice-form');

    await form.getByLabel(/^Approve(r|d by)/).fill('Ada');
    expect(await fieldError(form.getByLabel(/^Approve(r|d by)/))).toBe('');
    await form.getByRole('button', { name: 'Resume' }).click();
    const outcome = alice.getByTestId('answer-outcome');
    await outcome.getByText('Your answer to “Decision” was sent. The run continues.').waitFor();
    expect(await isFocused(outcome)).toBe(true);
    await badge(alice.getByTestId('run-state'), 'COMPLETED').waitFor({ timeout: LIVE_TIMEOUT });
    const answers = alice.getByRole('region', { name: 'Answers' });
    await answers.getByText(/answered by alice/).waitFor();
    expect(await answers.textContent()).toContain('Ada');
    await alice
      .getByRole('region', { name: 'State history' })
      .getByText(/Answered by alice/)
      .waitFor();
    expect(pageErrors).toEqual([]);
  });

  it('two people, one pause: the second to answer is told who answered first and with what', async () => {
    const run = await startRun(app, 'greet-user');
    await bob.goto(`${uiUrl}/runs/${run.id}`);
    const form = bob.getByRole('region', { name: /^User ?name/i });
    await form.getByLabel('name').fill('Bob');
    // Alice's answer lands while Bob's is on its way: his gets CONFLICT.
    await bob.route(/\/graphql$/, async (route) => {
      if (route.request().postData()?.includes('ResumeRun')) {
        expect(
          (await gqlWith(app.httpUrl, { 'x-api-key': ALICE }, RESUME, { id: run.id, input: { name: 'Alice' } })).errors,
        ).toBeUndefined();
      }
      await route.continue();
    });
    await form.getByRole('button', { name: 'Resume' }).click();
    const outcome = bob.getByTestId('answer-outcome');
    await outcome
      .getByText(/^alice answered first at \d{1,2}:\d\d( [AP]M)? — your answer was not used\.$/)
      .waitFor({ timeout: LIVE_TIMEOUT });
    await outcome.getByText('Alice', { exact: true }).waitFor(); // her answer
    expect(await isFocused(outcome)).toBe(true);
    await bob.unroute(/\/graphql$/);
    await badge(bob.getByTestId('run-state'), 'COMPLETED').waitFor({ timeout: LIVE_TIMEOUT });
    await bob.waitForTimeout(300); // later live updates leave the message
    expect(await outcome.isVisible()).toBe(true);
    await screenshot(bob, 'desktop-answered-first-by-someone-else');
    expect(pageErrors).toEqual([]);
  });

  it('two people, one pause: on a phone, the form does not vanish silently when the other answer lands while filling it in', async () => {
    const run = await startRun(app, 'greet-user');
    await bob.setViewportSize(PHONE); // Bob stays on a phone from here
    await bob.goto(`${uiUrl}/runs/${run.id}`);
    await bob
      .getByRole('region', { name: /^User ?name/i })
      .getByLabel('name')
      .fill('Bo');
    await alice.goto(`${uiUrl}/runs/${run.id}`);
    const aliceForm = alice.getByRole('region', { name: /^User ?name/i });
    await aliceForm.getByLabel('name').fill('Alice');
    await aliceForm.getByRole('button', { name: 'Resume' }).click();
    await alice
      .getByTestId('answer-outcome')
      .getByText(/was sent/)
      .waitFor();

    const notice = bob.getByTestId('answer-outcome');
    await notice
      .getByText(/^alice answered first at \d{1,2}:\d\d( [AP]M)? — nothing was sent from here\.$/)
      .waitFor({ timeout: LIVE_TIMEOUT });
    expect(await notice.getAttribute('role')).toBe('alert');
    await notice.getByText('Alice', { exact: true }).waitFor();
    await screenshot(bob, 'phone-answered-first-by-someone-else');
    expect(pageErrors).toEqual([]);
  });

  it('two approvers, one pause: each sees the progress live, a second answer is refused in words, the second approver completes it', async () => {
    const run = await startRun(app, 'expense-approval', { amount: 75 });
    await bob.setViewportSize(DESKTOP);
    await bob.goto(`${uiUrl}/runs/${run.id}`);
    await alice.bringToFront();
    await alice.goto(`${uiUrl}/runs/${run.id}`);
    const form = alice.getByRole('region', { name: 'Expense approval' });
    await form.getByText('Paused: 0 of 2 approvals so far').waitFor();
    await form.getByRole('radiogroup', { name: 'Expense approval' }).getByRole('radio', { name: 'Sign off' }).check();
    await form.getByLabel('Comment').fill('receipts attached');
    await form.getByRole('button', { name: 'Resume' }).click();
    await form.getByText('Paused: 1 of 2 approvals so far (alice)').waitFor({ timeout: LIVE_TIMEOUT });
    expect(await seriousViolations(alice)).toEqual([]);
    // Alice once more: refused, and told why in words; the count stays.
    await form.getByRole('radiogroup', { name: 'Expense approval' }).getByRole('radio', { name: 'Sign off' }).check();
    await form.getByRole('button', { name: 'Resume' }).click();
    await alice.getByText(/you have already answered this one; it waits for the others/).waitFor({ timeout: LIVE_TIMEOUT });
    await screenshot(alice, 'desktop-approvals-progress');

    await bob.bringToFront();
    const bobs = bob.getByRole('region', { name: 'Expense approval' });
    await bobs.getByText('Paused: 1 of 2 approvals so far (alice)').waitFor({ timeout: LIVE_TIMEOUT });
    await bobs.getByRole('radiogroup', { name: 'Expense approval' }).getByRole('radio', { name: 'Sign off' }).check();
    await bobs.getByRole('button', { name: 'Resume' }).click();
    await badge(bob.getByTestId('run-state'), 'COMPLETED').waitFor({ timeout: LIVE_TIMEOUT });
    const answers = bob.getByRole('region', { name: 'Answers' });
    await answers.getByText(/answered by bob/).waitFor({ timeout: LIVE_TIMEOUT });
    expect(await answers.textContent()).toMatch(/answered by alice[\s\S]*receipts attached/);
    expect((await app.app.get(FlowRunService).getFlowRun(run.id)).result).toBe('approved by alice, bob');
    expect(pageErrors).toEqual([]);
  });

  it('sends input to a run waiting in receiveInput, on a desktop and on a phone', async () => {
    for (const [page, key, message] of [
      [alice, ALICE, 'Your parcel left today'],
      [bob, BOB, 'Sorry for the wait'],
    ] as const) {
      const run = await startReceiving(app, 'await-reply', { 'x-api-key': key });
      await page.bringToFront();
      await page.goto(`${uiUrl}/runs/${run.id}`);
      const form = page.getByRole('region', { name: 'Support reply' });
      await form.getByText(/^Running: waiting for input · Expires in/).waitFor({ timeout: LIVE_TIMEOUT });
      await badge(page.getByTestId('run-state'), 'WAITING FOR INPUT').waitFor();
      await form.getByRole('button', { name: 'Send' }).click();
      expect(await fieldError(form.getByLabel('Message'))).toContain('Required');
      await form.getByLabel('Message').fill(message);
      await form.getByRole('button', { name: 'Send' }).click();
      const outcome = page.getByTestId('answer-outcome');
      await outcome.getByText('Your input “Support reply” was sent to the run.').waitFor();
      expect(await isFocused(outcome)).toBe(true);
      await badge(page.getByTestId('run-state'), 'COMPLETED').waitFor({ timeout: LIVE_TIMEOUT });
      await page.getByRole('log', { name: 'Run logs' }).getByText(`Reply: ${message}`).waitFor();
    }
    await screenshot(bob, 'phone-input-sent');
    expect(pageErrors).toEqual([]);
  });

  it('on a phone, the list and a run are separate screens: tap opens the run, Back and the back button return', async () => {
    const run = await startRun(app, 'approve-expense', { amount: 7 });
    await alice.bringToFront();
    await alice.setViewportSize(PHONE);
    try {
      await alice.goto(uiUrl);
      const row = alice.locator(`nav a[data-run-id="${run.id}"]`);
      await row.waitFor();
      expect(await alice.locator('#main').isVisible()).toBe(false);
      await screenshot(alice, 'phone-needs-answer');

      await row.click();
      await alice.waitForURL(`${uiUrl}/runs/${run.id}`);
      const form = alice.getByRole('region', { name: 'Decision' });
      await form.waitFor();
      expect(await alice.getByRole('navigation', { name: 'Needs answer' }).isVisible()).toBe(false);
      const box = await form.boundingBox();
      expect(box!.y).toBeLessThan(PHONE.height); // on the first screen, no scrolling to find it
      expect(await seriousViolations(alice)).toEqual([]);
      await screenshot(alice, 'phone-choice-form');

      await alice.getByRole('link', { name: '← Back to the list' }).click();
      await alice.waitForURL(uiUrl);
      await row.waitFor();
      expect(await isFocused(row)).toBe(true);

      await row.click();
      await form.waitFor();
      await form.getByRole('radio', { name: 'Reject' }).check();
      await form.getByLabel('Reason').fill('No receipt');
      await form.getByRole('button', { name: 'Resume' }).click();
      await alice
        .getByTestId('answer-outcome')
        .getByText(/was sent/)
        .waitFor();
      await screenshot(alice, 'phone-answered');
      await alice.goBack();
      await alice.waitForURL(uiUrl);
      await alice.getByRole('navigation', { name: 'Needs answer' }).waitFor();
      await row.waitFor({ state: 'detached', timeout: LIVE_TIMEOUT }); // answered: no longer listed
    } finally {
      await alice.setViewportSize(DESKTOP);
    }
    expect(pageErrors).toEqual([]);
  });
});
