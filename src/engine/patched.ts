import { requireRunContext } from './run-context.js';
import { executorsOf } from './run-executors.provider.js';

/**
 * Lets one flow method serve runs started on older code: resolves to true for a run that reaches
 * this point on the new code (the marker is recorded as a durable step), and to false while
 * replaying a run whose recorded history predates the patch, which then keeps its old path:
 *
 *     if (await patched('ask-manager')) await pauseFlowRun({ key: 'manager', waitForInput: Approval });
 *
 * Once no run from before the patch is left, keep only the new path and replace the call with
 * `deprecatePatch(id)`, which passes over recorded markers; drop that too after the runs that
 * recorded one are gone.
 */
export function patched(id: string): Promise<boolean> {
  const context = requireRunContext('patched');
  return executorsOf(context).patches.patched(context, id);
}

/** For the deploy after a patch: runs that recorded `patched(id)` replay past the marker. */
export function deprecatePatch(id: string): void {
  const context = requireRunContext('deprecatePatch');
  executorsOf(context).patches.deprecatePatch(context, id);
}
