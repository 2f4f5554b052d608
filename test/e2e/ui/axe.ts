import type { Page } from 'playwright-core';

/** The slice of @axe-core/playwright's AxeBuilder the tests use. */
interface AxeResults {
  violations: Array<{ id: string; impact?: string | null; help: string; nodes: Array<{ target: unknown[] }> }>;
}
type AxeBuilderClass = new (options: { page: Page }) => {
  include(selector: string): unknown;
  analyze(): Promise<AxeResults>;
};

/**
 * @axe-core/playwright (a devDependency), or a copy installed outside the project
 * (`npm install --prefix /tmp/axe @axe-core/playwright@4.14.0`; AXE_PLAYWRIGHT names another).
 */
async function axeBuilder(): Promise<AxeBuilderClass> {
  const fallback = process.env.AXE_PLAYWRIGHT ?? '/tmp/axe/node_modules/@axe-core/playwright/dist/index.mjs';
  for (const specifier of ['@axe-core/playwright', fallback]) {
    try {
      const loaded = (await import(specifier)) as { default: AxeBuilderClass | { default: AxeBuilderClass } };
      return 'prototype' in loaded.default ? loaded.default : loaded.default.default;
    } catch {
      // not installed there: the next place
    }
  }
  throw new Error('@axe-core/playwright is not installed (npm install -D @axe-core/playwright@4.14.0)');
}

/**
 * The serious and critical accessibility violations axe-core finds on the page as it is now
 * (within `include`, a CSS selector, if given), one line each: rule, help and where.
 */
export async function seriousViolations(page: Page, include?: string): Promise<string[]> {
  const AxeBuilder = await axeBuilder();
  const builder = new AxeBuilder({ page });
  if (include) builder.include(include);
  const { violations } = await builder.analyze();
  return violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map(
      (violation) => `${violation.id} (${violation.help}): ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`,
    );
}
