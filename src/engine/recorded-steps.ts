import type { FlowRunInputEntity, MailboxMessageEntity, TaskRunEntity } from '../persistence/entities/index.js';

/** A durable call an earlier execution of the run made, at its step. */
export type RecordedStep =
  { kind: 'task'; name: string; key: string } | { kind: 'pause'; key: string } | { kind: 'receive'; key: string };

/** What earlier executions of a run recorded; a replay answers from it. */
export class RunRecord {
  readonly tasks: Map<string, TaskRunEntity>;
  /** Pause outcomes, by pause key. */
  readonly inputs = new Map<string, FlowRunInputEntity>();
  /** Mailbox messages received, by the step that received them. */
  readonly received: Map<number, MailboxMessageEntity>;
  /** Steps whose receiveInput timed out. */
  readonly receiveTimeouts = new Set<number>();
  readonly steps = new Map<number, RecordedStep>();
  /** Highest recorded step: until the replay passes it, the flow re-runs code it ran before. */
  readonly lastStep: number;

  constructor(tasks: TaskRunEntity[], inputs: FlowRunInputEntity[], received: MailboxMessageEntity[] = []) {
    this.tasks = new Map(tasks.map((task) => [task.taskKey, task]));
    this.received = new Map(received.map((message) => [message.receivedStep!, message]));
    for (const task of tasks)
      if (task.step != null) this.steps.set(task.step, { kind: 'task', name: task.taskName, key: task.taskKey });
    // The kind is the stored column, never the key: a pause's key is the flow author's to choose.
    for (const input of inputs) {
      if (input.kind === 'receive') this.receiveTimeouts.add(input.step!);
      else this.inputs.set(input.key, input);
      if (input.step != null) this.steps.set(input.step, { kind: input.kind, key: input.key });
    }
    for (const [step] of this.received) this.steps.set(step, { kind: 'receive', key: `receive-${step}` });
    this.lastStep = Math.max(0, ...this.steps.keys());
  }

  /** Shared by every first execution: nothing recorded, nothing to hold per run. */
  static readonly EMPTY = new RunRecord([], []);
}

export function describeStep(step: RecordedStep): string {
  if (step.kind === 'task') return `task "${step.name}" (key "${step.key}")`;
  return step.kind === 'pause' ? `a pause (key "${step.key}")` : `a receiveInput (key "${step.key}")`;
}
