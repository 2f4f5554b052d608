import { rebuildInput } from '../../inputs/input-validator.js';
import type { InputClass } from '../../inputs/run-input.js';
import { approvalsOutcomeOf } from '../../domain/approvals.js';

/** One principal's answer to an approvals pause. */
export interface Approval<T> {
  /** Id of the principal who answered. */
  principal: string;
  /** The validated input (an instance of its class), or undefined for a pause without input. */
  value: T;
  answeredAt: Date;
}

/** What an approvals pause returns to the flow: every answer, and how the pause ended. */
export interface Approvals<T> {
  /** Every answer given, oldest first, one per principal (the rejecting one last, if any). */
  answers: Array<Approval<T>>;
  /** True when a `rejectOn` answer ended the pause. */
  rejected: boolean;
  /**
   * True when `required` answers came in and none rejected. (False with `rejected` false too only
   * if the pause went on without them: never from answers alone.)
   */
  approved: boolean;
  /**
   * True when the pause's deadline came first (`timeout: { after, then: 'resume' }`): `answers`
   * are those given by then, fewer than required.
   */
  timedOut: boolean;
}

/**
 * The flow's view of a stored approvals outcome: each value rebuilt into its class. `approved`
 * is counted here, not trusted: an outcome short of `required` answers never reads as approved.
 */
export function approvalsOf(stored: unknown, classes: InputClass[], required: number): Approvals<unknown> {
  const { answers, rejected, timedOut } = approvalsOutcomeOf(stored);
  return {
    answers: answers.map((answer) => {
      const inputClass = classes.find((candidate) => candidate.name === answer.inputType);
      return {
        principal: answer.principal,
        value: inputClass ? rebuildInput(inputClass, answer.value) : undefined,
        answeredAt: new Date(answer.answeredAt),
      };
    }),
    rejected,
    approved: !rejected && answers.length >= required,
    timedOut: timedOut === true,
  };
}
