import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe } from '@jest/globals';
import type { Page } from 'playwright-core';
import { FlowRunService, type FlowRun } from '../../../src/index.js';
import { FlowRunState } from '../../../src/domain/flow-run-state.js';
import type { GraphqlApp } from '../../helpers/graphql-app.js';
import { gqlWith } from '../../helpers/secure-app.js';
import { chromiumSkipReason } from './chromium.js';

/** Shared by the inbox's browser tests: sizes, screenshots, runs made in-process. */
export const DESKTOP = { width: 1280, height: 800 };
export const PHONE = { width: 390, height: 844 };
/** Live updates arrive over graphql-ws: well under this. */
export const LIVE_TIMEOUT = 10_000;

const ARTIFACTS = fileURLToPath(new URL('../../../test-artifacts/', import.meta.url));

const skipReason = chromiumSkipReason();
if (skipReason) console.warn(skipReason);
/** `describe` where Chromium is installed (always in CI), `describe.skip` elsewhere. */
export const describeWithChromium: typeof describe.skip = skipReason ? describe.skip : describe;

/** The inbox's URL of an app started with `startDemoApp`. */
export function inboxUrl(app: GraphqlApp): string {
  return app.httpUrl.replace(/\/graphql$/, '/ui');
}

/** A full-page screenshot under test-artifacts/ (gitignored), named `<name>.png`, when NESTFLOW_SCREENSHOTS is set. */
export async function screenshot(page: Page, name: string): Promise<void> {
  if (!process.env.NESTFLOW_SCREENSHOTS) return; // full-page PNGs cost the suite seconds; asked for when wanted
  mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: `${ARTIFACTS}${name}.png`, fullPage: true });
}

/** Starts a run in-process and resolves once it is in `state` (PAUSED by default). */
export async function startRun(
  app: GraphqlApp,
  flowName: string,
  parameters?: unknown,
  state: FlowRunState = FlowRunState.PAUSED,
): Promise<FlowRun> {
  const runs = app.app.get(FlowRunService);
  const run = await runs.createFlowRun(flowName, parameters);
  return runs.waitForFlowRun(run.id, { states: [state], timeout: 5000 });
}

/**
 * Starts a run that waits in receiveInput and resolves once the wait is on the run (the server
 * records it after a moment), asking over GraphQL with `headers`.
 */
export async function startReceiving(app: GraphqlApp, flowName: string, headers: Record<string, string> = {}): Promise<FlowRun> {
  const run = await startRun(app, flowName, undefined, FlowRunState.RUNNING);
  const deadline = Date.now() + 5000;
  for (;;) {
    const { data } = await gqlWith<{ flowRun: { receiving: unknown } }>(
      app.httpUrl,
      headers,
      'query ($id: ID!) { flowRun(id: $id) { receiving { title } } }',
      {
        id: run.id,
      },
    );
    if (data?.flowRun.receiving) return run;
    if (Date.now() > deadline) throw new Error(`run ${run.id} of ${flowName} is not waiting in receiveInput`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
