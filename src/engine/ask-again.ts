import type { InputRequest, PreviousAnswer } from '../domain/input-request.js';
import { INPUT_TYPE_FIELD } from '../inputs/input-choice.js';
import type { InputClass } from '../inputs/run-input.js';
import type { FlowRunInputEntity } from '../persistence/entities/index.js';
import type { StepDiscard } from '../persistence/sql/step-discard.js';

/** The outcome an earlier attempt recorded at a pause that asks again, as the request shows it. */
export function previousAnswerOf(row: FlowRunInputEntity): PreviousAnswer {
  return {
    inputType: row.inputType,
    value: row.value ?? null,
    outcome: row.outcome,
    principal: row.resumedBy,
    answeredAt: row.createdAt.toISOString(),
    attempt: row.attempt ?? 1,
  };
}

/**
 * The initial data of a pause asked again: the previous answer's fields over the pause's own,
 * so whoever answers starts from what was said last time. For a choice of classes it names the
 * class answered with (`inputType`), as an answer does, so a client preselects it. A timeout or
 * an approvals pause (whose outcome is every answer, not fields) keeps the pause's own.
 */
export function askedAgainData(
  classes: InputClass[],
  initialData: Record<string, unknown> | null,
  previous: PreviousAnswer,
): Record<string, unknown> | null {
  const fields = previous.value;
  const answered = previous.outcome === 'input' || previous.outcome === 'timeout-default';
  if (!answered || !previous.inputType || !fields || typeof fields !== 'object' || Array.isArray(fields)) return initialData;
  const choice = classes.length > 1 ? { [INPUT_TYPE_FIELD]: previous.inputType } : {};
  return { ...initialData, ...choice, ...(fields as Record<string, unknown>) };
}

/**
 * What the write that asks again discards: every step recorded after the pause, computed from
 * the old answer (the answer's own row stays, as history).
 */
export function afterPause(request: InputRequest): StepDiscard {
  return { failedStep: null, fromStep: request.step! + 1 };
}

/** The state message of a pause asked again ('Asked again on retry (attempt 2): Shirt order; previous answer by alice'). */
export function askedAgainMessage(request: InputRequest, attempt: number): string {
  const previous = request.previousAnswer!;
  const what = request.inputType ? request.title : 'go-ahead';
  const before =
    previous.outcome === 'timeout'
      ? 'the previous request timed out'
      : `previous answer by ${previous.principal ?? 'no principal (a server-side resume)'}`;
  return `${request.suspended ? 'Suspended, asked' : 'Asked'} again on retry (attempt ${attempt}): ${what}; ${before}`;
}
