import type { FlowRunInputEntity, TaskRunEntity } from '../persistence/entities/index.js';

/** A durable call an earlier execution of the run made, at its step. */
export type RecordedStep = { kind: 'task'; name: string; key: string } | { kind: 'pause'; key: string };

/** What earlier executions of a run recorded; a replay answers from it. */
export class RunRecord {
  readonly tasks: Map<string, TaskRunEntity>;
  readonly inputs: Map<string, FlowRunInputEntity>;
  readonly steps = new Map<number, RecordedStep>();
  /** Highest recorded step: until the replay passes it, the flow re-runs code it ran before. */
  readonly lastStep: number;

  constructor(tasks: TaskRunEntity[], inputs: FlowRunInputEntity[]) {
    this.tasks = new Map(tasks.map((task) => [task.taskKey, task]));
    this.inputs = new Map(inputs.map((input) => [input.key, input]));
    for (const task of tasks) if (task.step != null) this.steps.set(task.step, { kind: 'task', name: task.taskName, key: task.taskKey });
    for (const input of inputs) if (input.step != null) this.steps.set(input.step, { kind: 'pause', key: input.key });
    this.lastStep = Math.max(0, ...this.steps.keys());
  }

  static empty(): RunRecord {
    return new RunRecord([], []);
  }
}

export function describeStep(step: RecordedStep): string {
  return step.kind === 'task' ? `task "${step.name}" (key "${step.key}")` : `a pause (key "${step.key}")`;
}
