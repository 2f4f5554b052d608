import type { InputClass } from '../../inputs/run-input.js';
import type { FlowRunInputEntity, MailboxMessageEntity, TaskRunEntity } from '../../persistence/entities/index.js';

/**
 * The kinds of durable step a flow takes, numbered 1, 2, … in call order. The kind is always
 * known from where a step is stored (a task run, a pause input of kind `pause`, a received
 * message or a receive timeout), never read from a key: keys are the flow author's to choose.
 *
 * A `patched(id)` marker (kind `patch`) is a numbered step too, taken by `RunJournal.patch`, never
 * by a call's `take`: code that reaches a marker's step with another call made the change
 * unguarded.
 *
 * `sendInput` is not a numbered step: its key (`RunJournal.sendKey`, in the flow's own key
 * space of the recipient's mailbox) makes a replayed send a no-op, and numbering sends now
 * would shift the steps of runs recorded without them.
 */
export type StepKind = 'task' | 'pause' | 'receive';

/** A durable call the flow's code makes now. */
export type StepCall =
  | { kind: 'task'; name: string; key: string }
  | {
      kind: 'pause';
      key: string;
      inputClasses: InputClass[];
      timeout: number;
      approvals?: boolean;
      /** `askAgainOnRetry`: an outcome recorded by an earlier attempt of the run is not replayed. */
      askAgain?: boolean;
    }
  | { kind: 'receive'; inputClasses: InputClass[]; timeout: number };

/** What an earlier execution of the run recorded at a step, with the row that holds its outcome. */
export type RecordedStep =
  | { kind: 'task'; name: string; key: string; task: TaskRunEntity }
  | { kind: 'pause'; key: string; input: FlowRunInputEntity }
  /** `message` null: the receive timed out. */
  | { kind: 'receive'; key: string; message: MailboxMessageEntity | null }
  /** `patched(key)` took the patched code path at this step. */
  | { kind: 'patch'; key: string; input: FlowRunInputEntity };

/** The value a replayed step answers with, by kind: a receive answers with the message it took. */
export interface StepValues {
  task: unknown;
  pause: unknown;
  receive: MailboxMessageEntity;
}

/**
 * The journal's answer for a step: its recorded outcome (`replayed`), or nothing yet, and the
 * caller does the work and records it (a task also learns how many attempts failed before). A
 * pause answered at the run's last recorded step (the answer this execution replays to reach)
 * says when the answer was stored (`answeredAt`). A pause that asks again on a retry gets the
 * earlier attempt's outcome as `previous`, to show, not to return.
 */
export type StepAnswer<K extends StepKind> =
  | { step: number; replayed: true; value: StepValues[K]; answeredAt?: Date }
  | { step: number; replayed: false; earlierAttempts: number; previous?: FlowRunInputEntity };

/** The key a receive step is known by (its timeouts are stored under it, with kind `receive`). */
export function receiveKey(step: number): string {
  return `receive-${step}`;
}
