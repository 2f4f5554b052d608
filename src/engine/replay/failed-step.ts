import type { SerializedError } from '../../domain/serialized-error.js';
import type { RecordedRows } from './run-journal.js';

/**
 * The step whose recorded failure ended a FAILED run, if one did: the run's last recorded step,
 * when it holds
 * - a task outcome FAILED with the run's own error (its last attempt, uncaught by the flow), or
 * - a pause or receive timeout (kind `pause` or `receive`, outcome `timeout`) and the run failed
 *   on the PauseTimeoutError naming it.
 *
 * Null when the run failed where nothing is recorded as a step: in flow code, on a flow timeout,
 * a DeterminismError, or a suspended pause that expired while no node held it (the sweeper
 * records no timeout row); or when the flow caught that failure and failed later. A retry
 * discards only this record, so that step runs again and every other step replays.
 */
export function failedStepOf(error: SerializedError | null, rows: RecordedRows): number | null {
  if (!error) return null;
  const steps = [
    ...rows.tasks.map((task) => task.step),
    ...rows.inputs.map((input) => input.step),
    ...rows.received.map((message) => message.receivedStep),
  ].filter((step): step is number => step != null);
  if (!steps.length) return null;
  const last = Math.max(...steps);
  const task = rows.tasks.find((row) => row.step === last && row.state === 'FAILED');
  const failure = task?.error as SerializedError | null | undefined;
  if (failure && failure.name === error.name && failure.message === error.message) return last;
  const timeout = rows.inputs.find((row) => row.step === last && row.outcome === 'timeout' && row.kind !== 'patch');
  if (timeout && error.code === 'PAUSE_TIMEOUT' && error.message.includes(`(pause "${timeout.key}")`)) return last;
  return null;
}
