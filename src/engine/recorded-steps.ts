import type { FlowRunInputEntity, MailboxMessageEntity, TaskRunEntity } from '../persistence/entities/index.js';

/** A durable call an earlier execution of the run made, at its step. */
export type RecordedStep =
  { kind: 'task'; name: string; key: string } | { kind: 'pause'; key: string } | { kind: 'receive'; key: string };

/** What earlier executions of a run recorded; a replay answers from it. */
export class RunRecord {
  readonly tasks: Map<string, TaskRunEntity>;
  readonly inputs: Map<string, FlowRunInputEntity>;
  /** Mailbox messages received, by the step that received them. */
  readonly received: Map<number, MailboxMessageEntity>;
  readonly steps = new Map<number, RecordedStep>();
  /** Highest recorded step: until the replay passes it, the flow re-runs code it ran before. */
  readonly lastStep: number;

  constructor(tasks: TaskRunEntity[], inputs: FlowRunInputEntity[], received: MailboxMessageEntity[] = []) {
    this.tasks = new Map(tasks.map((task) => [task.taskKey, task]));
    this.inputs = new Map(inputs.map((input) => [input.key, input]));
    this.received = new Map(received.map((message) => [message.receivedStep!, message]));
    for (const task of tasks)
      if (task.step != null) this.steps.set(task.step, { kind: 'task', name: task.taskName, key: task.taskKey });
    for (const input of inputs) {
      if (input.step != null)
        this.steps.set(input.step, { kind: input.key.startsWith('receive-') ? 'receive' : 'pause', key: input.key });
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
