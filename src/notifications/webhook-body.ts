import type { InputRequest } from '../domain/input-request.js';
import type { FlowRun } from '../domain/flow-run.js';
import type { PauseNotice } from '../domain/pause-timers.js';

/** What a receiver gets of a run: not the node that holds it (`leaseOwner`, host and pid). */
const RUN_FIELDS = [
  'id',
  'flowName',
  'state',
  'stateMessage',
  'version',
  'parameters',
  'result',
  'error',
  'inputRequest',
  'pauseExpiresAt',
  'scheduledAt',
  'attempt',
  'createdAt',
  'updatedAt',
] as const satisfies ReadonlyArray<keyof FlowRun>;

/** What a receiver gets of a pause: not its position among the run's durable calls (`step`). */
const REQUEST_FIELDS = [
  'key',
  'inputType',
  'inputTypes',
  'schema',
  'initialData',
  'description',
  'expiresAt',
  'timeout',
  'suspended',
  // A pause asked again on a retry: what was answered before (absent otherwise).
  'previousAnswer',
] as const satisfies ReadonlyArray<keyof InputRequest>;

/**
 * The JSON body of a `run.paused` delivery. Fields are listed, not filtered out, so a field
 * added to the run for the engine's own use does not reach receivers unnoticed. A reminder
 * (`reminder: n`) or an escalation (`escalated: true, escalatedTo`) of the pause says so at the top.
 */
export function webhookBody(deliveryId: string, run: FlowRun, notice: PauseNotice = {}): string {
  const request = run.inputRequest && pick(run.inputRequest, REQUEST_FIELDS);
  const { reminder, escalated, escalatedTo } = notice;
  return JSON.stringify({
    event: 'run.paused',
    deliveryId,
    ...(reminder !== undefined ? { reminder } : {}),
    ...(escalated ? { escalated, escalatedTo } : {}),
    run: { ...pick(run, RUN_FIELDS), inputRequest: request },
  });
}

function pick<T extends object, K extends keyof T>(value: T, keys: readonly K[]): Pick<T, K> {
  return Object.fromEntries(keys.map((key) => [key, value[key]])) as Pick<T, K>;
}
