import type { Locator } from 'playwright-core';

// These callbacks run in the browser. The test tsconfig has no DOM lib, so they reach the page
// through the element (`ownerDocument`) and describe the few members they use.
interface Field {
  id: string;
  name: string;
  type: string;
  outerHTML: string;
  labels: { length: number } | null;
  getAttribute(name: string): string | null;
}
interface Node {
  ownerDocument: { activeElement: unknown; getElementById(id: string): { textContent: string | null } | null };
  querySelectorAll(selector: string): Iterable<Field>;
  getAttribute(name: string): string | null;
}

/** A state badge with exactly this text inside `scope`. */
export function badge(scope: Locator, state: string): Locator {
  return scope.locator('.badge').filter({ hasText: new RegExp(`^${state}$`) });
}

/** Form controls in `scope` without an accessible label (by id, name or markup). */
export function unlabelledFields(scope: Locator): Promise<string[]> {
  return scope.evaluate((root: Node) =>
    [...root.querySelectorAll('input, select, textarea')]
      .filter((field) => field.type !== 'hidden' && !field.labels?.length && !field.getAttribute('aria-label'))
      .map((field) => field.id || field.name || field.outerHTML),
  );
}

/** The error text shown for a field, found through the field's `aria-describedby` (rjsf's `<id>__error`). */
export function fieldError(field: Locator): Promise<string> {
  return field.evaluate((el: Node) =>
    (el.getAttribute('aria-describedby') ?? '')
      .split(/\s+/)
      .filter((id) => id.endsWith('__error'))
      .map((id) => el.ownerDocument.getElementById(id)?.textContent ?? '')
      .join(' '),
  );
}

/** Whether the element has the keyboard focus. */
export function isFocused(locator: Locator): Promise<boolean> {
  return locator.evaluate((el: Node) => el === el.ownerDocument.activeElement);
}
