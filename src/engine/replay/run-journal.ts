import { rebuildInput } from '../../inputs/input-validator.js';
import type { FlowRunInputEntity, MailboxMessageEntity, TaskRunEntity } from '../../persistence/entities/index.js';
import { isApprovalsOutcome } from '../../domain/approvals.js';
import { DeterminismError } from '../../domain/errors/determinism.error.js';
import { PauseTimeoutError } from '../../domain/errors/pause-timeout.error.js';
import { receiveKey, type RecordedStep, type StepAnswer, type StepCall, type StepKind } from './durable-step.js';
import { describeCall, describeRecorded } from './step-description.js';

/** The rows that hold the outcomes of a run's durable steps. */
export interface RecordedRows {
  tasks: TaskRunEntity[];
  inputs: FlowRunInputEntity[];
  received: MailboxMessageEntity[];
}

/** A first execution's record: shared, since nothing is ever added to it (nor forgotten: it is empty). */
const NOTHING = new Map<never, never>();

/**
 * One execution's view of its run's steps: numbers each durable call in call order, checks it
 * against what an earlier execution recorded at that number, and answers with the recorded
 * outcome. The only place that decides whether a step replays.
 */
export class RunJournal {
  /** Steps recorded after a pause that asks again on a retry are forgotten (`forgetAfter`). */
  private readonly steps: Map<number, RecordedStep>;
  /** Rows recorded before steps were numbered (step null): found by key, as they were then. */
  private readonly unnumbered: ReadonlyMap<string, RecordedStep>;
  /** Highest recorded step: until the replay passes it, the flow re-runs code it ran before. */
  private lastStep: number;
  private taken = 0;
  /** How many calls of each name this execution made: keys of calls given none, the same on every replay. */
  private readonly counts = new Map<string, number>();
  /** What `patched(id)` answered in this execution, by id. */
  private readonly patches = new Map<string, boolean>();

  /** Without `rows`, a first execution's journal: nothing recorded, nothing allocated per run. */
  constructor(
    readonly runId: string,
    rows?: RecordedRows,
    /** Named by a DeterminismError: the version the run started on and the one replaying it. */
    private readonly versions?: { run: string; code: string },
    /** The run's attempt now: outcomes of earlier ones are not replayed to a pause that asks again. */
    private readonly attempt = 1,
  ) {
    if (!rows) {
      this.steps = this.unnumbered = NOTHING;
      this.lastStep = 0;
      return;
    }
    const steps = new Map<number, RecordedStep>();
    const unnumbered = new Map<string, RecordedStep>();
    const add = (step: number | null, recorded: RecordedStep) =>
      step != null ? steps.set(step, recorded) : unnumbered.set(`${recorded.kind}:${recorded.key}`, recorded);
    for (const task of rows.tasks) add(task.step, { kind: 'task', name: task.taskName, key: task.taskKey, task });
    for (const input of rows.inputs) {
      // The kind is the stored column, never the key: a pause's key is the flow author's to choose.
      if (input.kind === 'pause') {
        // A pause asked again on a retry has a row per attempt: the latest answers.
        const there = input.step != null ? steps.get(input.step) : unnumbered.get(`pause:${input.key}`);
        if (!newerAnswer(input, there)) add(input.step, { kind: 'pause', key: input.key, input });
      } else if (input.kind === 'patch') add(input.step, { kind: 'patch', key: input.key, input });
      else if (input.step != null) add(input.step, { kind: 'receive', key: input.key, message: null });
    }
    for (const message of rows.received) {
      const step = message.receivedStep!;
      add(step, { kind: 'receive', key: receiveKey(step), message });
    }
    this.steps = steps;
    this.unnumbered = unnumbered;
    this.lastStep = Math.max(0, ...steps.keys());
  }

  /**
   * Takes the next step number for `call` (synchronously, so concurrent calls number in call
   * order) and answers with what was recorded there. Throws DeterminismError when the run
   * recorded a different call at this step, and the recorded error when the step failed
   * for good (a pause or receive that timed out).
   */
  take<K extends StepKind>(call: StepCall & { kind: K }): StepAnswer<K> {
    const step = ++this.taken;
    const recorded = this.steps.get(step) ?? this.unnumbered.get(unnumberedKey(call));
    if (!recorded) return { step, replayed: false, earlierAttempts: 0 };
    if (!sameCall(recorded, call)) {
      throw new DeterminismError(this.runId, step, describeRecorded(recorded), describeCall(call), this.versions);
    }
    const asked: StepCall = call;
    const askAgain = asked.kind === 'pause' && asked.askAgain === true;
    if (recorded.kind === 'pause' && askAgain && attemptOf(recorded.input) < this.attempt) {
      // Asked again: what came after was computed from the old answer, so it runs again too.
      this.forgetAfter(step);
      return { step, replayed: false, earlierAttempts: 0, previous: recorded.input } as StepAnswer<K>;
    }
    return this.outcome(step, recorded, call) as StepAnswer<K>;
  }

  /**
   * Forgets the steps recorded after `step` (the pause executor discards their rows in the same
   * write that asks again), so this execution runs them afresh once the new answer is in.
   */
  private forgetAfter(step: number): void {
    for (const later of [...this.steps.keys()]) if (later > step) this.steps.delete(later);
    this.lastStep = Math.min(this.lastStep, step);
  }

  /**
   * `patched(id)`: true for code that runs past the run's recorded history (a step is taken:
   * the caller records the marker) or replays a history that recorded this patch there (the
   * step is taken again); false while replaying a history recorded before the patch existed:
   * no step is taken, so the old code path's calls keep their numbers. Asked again for the same
   * id in one execution, it answers the same and takes no step.
   */
  patch(id: string): { step: number; record: boolean; patched: boolean } {
    const known = this.patches.get(id);
    if (known !== undefined) return { step: 0, record: false, patched: known };
    const next = this.taken + 1;
    const recorded = this.steps.get(next);
    let answer: { step: number; record: boolean; patched: boolean };
    if (recorded?.kind === 'patch' && recorded.key === id) answer = { step: ++this.taken, record: false, patched: true };
    else if (recorded || next <= this.lastStep) answer = { step: 0, record: false, patched: false };
    else answer = { step: ++this.taken, record: true, patched: true };
    this.patches.set(id, answer.patched);
    return answer;
  }

  /**
   * `deprecatePatch(id)`, for code that keeps only the patched path once no run from before the
   * patch is left: a marker recorded here is passed over (its step taken), and none is recorded.
   */
  deprecatePatch(id: string): void {
    const recorded = this.steps.get(this.taken + 1);
    if (recorded?.kind === 'patch' && recorded.key === id) this.taken++;
  }

  /** The key of the n-th call of task `name` given no `key`: `<name>-<n>`. */
  taskKey(name: string): string {
    return `${name}-${this.count(`task:${name}`)}`;
  }

  /** The key of the n-th pause or suspend given no `key`: `pause-<n>`. */
  pauseKey(): string {
    return `pause-${this.count('pause')}`;
  }

  /**
   * The key of the n-th message this run sends (`sendInput`, `respond`) given no `key`, in the
   * flows' own key space of the recipient's mailbox: a replay re-sends under it, a no-op.
   */
  sendKey(): string {
    return `${this.runId}:send-${this.count('send')}`;
  }

  /** True while the flow re-runs code an earlier execution already ran (its logs are not repeated). */
  isReplaying(): boolean {
    return this.taken < this.lastStep;
  }

  private count(name: string): number {
    const n = (this.counts.get(name) ?? 0) + 1;
    this.counts.set(name, n);
    return n;
  }

  /** When the answer this execution replays to reach (the run's last step) was stored. */
  private answeredAt(step: number, input: FlowRunInputEntity): { answeredAt?: Date } {
    return step === this.lastStep ? { answeredAt: input.createdAt } : {};
  }

  private outcome(step: number, recorded: RecordedStep, call: StepCall): StepAnswer<StepKind> {
    switch (recorded.kind) {
      case 'task':
        if (recorded.task.state === 'COMPLETED') return { step, replayed: true, value: recorded.task.result };
        // Failed attempts (a flow retry replays): the task runs again, counting on from them.
        return { step, replayed: false, earlierAttempts: recorded.task.attempts };
      case 'pause': {
        const { input } = recorded;
        if (input.outcome === 'timeout') throw new PauseTimeoutError(this.runId, input.key, timeoutOf(call));
        // Every answer of an approvals pause, as stored (also those its deadline went on with):
        // the pause rebuilds them (approvalsOf).
        if (input.outcome === 'approvals' || (call.kind === 'pause' && call.approvals)) {
          return { step, replayed: true, value: input.value, ...this.answeredAt(step, input) };
        }
        const inputClass = inputClassOf(call, input.inputType);
        const value = inputClass ? rebuildInput(inputClass, input.value) : undefined;
        return { step, replayed: true, value, ...this.answeredAt(step, input) };
      }
      case 'receive':
        if (!recorded.message) throw new PauseTimeoutError(this.runId, recorded.key, timeoutOf(call));
        return { step, replayed: true, value: recorded.message };
      case 'patch':
        throw new DeterminismError(this.runId, step, describeRecorded(recorded), describeCall(call), this.versions); // sameCall refused it
    }
  }
}

/** An outcome's attempt: rows stored before attempts were recorded count as the first. */
function attemptOf(input: FlowRunInputEntity): number {
  return input.attempt ?? 1;
}

/** Whether `recorded` is a pause outcome of a later attempt than `input` (both at one step). */
function newerAnswer(input: FlowRunInputEntity, recorded: RecordedStep | undefined): boolean {
  return recorded?.kind === 'pause' && attemptOf(recorded.input) > attemptOf(input);
}

/** Whether the code's call now is the one recorded: same kind, and same task, key or input types. */
function sameCall(recorded: RecordedStep, call: StepCall): boolean {
  if (recorded.kind === 'task') return call.kind === 'task' && call.name === recorded.name && call.key === recorded.key;
  if (recorded.kind === 'pause') {
    if (call.kind !== 'pause' || call.key !== recorded.key) return false;
    const { inputType, outcome } = recorded.input;
    // A timeout stored the request's types (`A | B`), an input the one class it was given as.
    if (outcome === 'timeout') return true;
    // An approvals pause stores every answer in one outcome (also when its deadline went on with
    // those given so far): only another approvals pause matches it.
    const approvals = outcome === 'approvals' || (outcome === 'timeout-default' && isApprovalsOutcome(recorded.input.value));
    if (approvals || call.approvals) return approvals && call.approvals === true;
    return inputType ? inputClassOf(call, inputType) !== undefined : !call.inputClasses.length;
  }
  if (recorded.kind === 'patch') return false; // only RunJournal.patch takes a marker's step
  if (call.kind !== 'receive') return false;
  return !recorded.message || inputClassOf(call, recorded.message.inputType) !== undefined;
}

function inputClassOf(call: StepCall, inputType: string | null) {
  return call.kind === 'task' ? undefined : call.inputClasses.find((candidate) => candidate.name === inputType);
}

function timeoutOf(call: StepCall): number {
  return call.kind === 'task' ? 0 : call.timeout;
}

/** Receives were always numbered: none is found by key. */
function unnumberedKey(call: StepCall): string {
  return call.kind === 'receive' ? '' : `${call.kind}:${call.key}`;
}
