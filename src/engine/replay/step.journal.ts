import { Injectable } from '@nestjs/common';
import type { ApprovalsOutcome } from '../../domain/approvals.js';
import type { InputRequest, TimeoutDefault } from '../../domain/input-request.js';
import type { FlowRunInputEntity, MailboxMessageEntity } from '../../persistence/entities/index.js';
import { FlowRegistry } from '../../flows/flow.registry.js';
import { MailboxStore } from '../../persistence/mailbox.store.js';
import { RunHistoryStore } from '../../persistence/run-history.store.js';
import type { InputToStore, RequestToStore } from '../../persistence/sql/hot-statements.js';
import { TaskRunStore } from '../../persistence/task-run.store.js';
import type { FlowRun } from '../../domain/flow-run.js';
import type { SerializedError } from '../../domain/serialized-error.js';
import { receiveKey } from './durable-step.js';
import { failedStepOf } from './failed-step.js';
import { RunJournal, type RecordedRows } from './run-journal.js';

/** A task call at its step. */
export interface TaskStep {
  runId: string;
  step: number;
  name: string;
  key: string;
}

/**
 * How a pause ended: the client's input (with who gave it), every answer of an approvals pause,
 * its timeout, or its timeout's default answer.
 */
export type PauseOutcome =
  | { value: unknown; inputType: string | null; principal?: string | null; request?: RequestToStore }
  | { approvals: ApprovalsOutcome; principal: string; request?: RequestToStore }
  | { timeout: true }
  | { timeoutDefault: TimeoutDefault };

/**
 * The single reader and writer of durable steps. Each outcome stays in the row that must be
 * written atomically with it (a pause input with the state move its resume makes, a received
 * message with its claim, a task result in one upsert); every such row carries its step and
 * its kind as columns, and only this module reads them back or writes them.
 */
@Injectable()
export class StepJournal {
  constructor(
    private readonly tasks: TaskRunStore,
    private readonly history: RunHistoryStore,
    private readonly mailbox: MailboxStore,
    private readonly flows: FlowRegistry,
  ) {}

  /** The journal of one execution: empty for a run's first (nothing recorded yet), else read back. */
  async open(run: FlowRun): Promise<RunJournal> {
    // A run claimed for the first time (version 1: created, then claimed) has nothing recorded.
    if (run.version === 1 && run.attempt === 1) return new RunJournal(run.id);
    const code = this.flows.has(run.flowName) ? this.flows.get(run.flowName).version : 'none';
    return new RunJournal(run.id, await this.rowsOf(run.id), { run: run.flowVersion, code }, run.attempt);
  }

  /** The step whose recorded failure ended a FAILED run (see `failedStepOf`), for a retry to discard. */
  async failedStep(run: FlowRun): Promise<number | null> {
    return failedStepOf(run.error, await this.rowsOf(run.id));
  }

  private async rowsOf(runId: string): Promise<RecordedRows> {
    const [tasks, inputs, received] = await Promise.all([
      this.tasks.tasksOf(runId),
      this.history.inputsOf(runId),
      this.mailbox.receivedBy(runId),
    ]);
    return { tasks, inputs, received };
  }

  recordTaskResult(task: TaskStep, result: unknown, attempts: number): Promise<void> {
    return this.tasks.recordTaskResult(taskCall(task), result, attempts);
  }

  recordTaskFailure(task: TaskStep, error: SerializedError, attempts: number): Promise<void> {
    return this.tasks.recordTaskFailure(taskCall(task), error, attempts);
  }

  /** Takes the oldest unread message of `inputTypes` (with `key`, if given) as the outcome of the receive at `step`. */
  receive(runId: string, step: number, inputTypes: string[], key: string | null): Promise<MailboxMessageEntity | null> {
    return this.mailbox.claimNext(runId, inputTypes, key, step);
  }

  /** Records that the run took patch `id`'s new code path at `step`, on this node's version of its flow. */
  recordPatch(run: FlowRun, id: string, step: number): Promise<void> {
    return this.history.recordPatch(run.id, id, step, this.flows.get(run.flowName).version);
  }

  /** Records that the receive at `step` timed out (it moves no state): a replay times out there too. */
  recordReceiveTimeout(runId: string, step: number): Promise<void> {
    return this.history.recordReceiveTimeout(runId, receiveKey(step), step);
  }

  /** The row to store with the move that ends the pause `request` asked for. */
  pauseOutcome(request: InputRequest, outcome: PauseOutcome): InputToStore {
    const where = { key: request.key, step: request.step ?? null };
    if ('timeout' in outcome) return { ...where, inputType: request.inputType, value: null, outcome: 'timeout' };
    if ('timeoutDefault' in outcome) {
      const { inputType, value } = outcome.timeoutDefault;
      return { ...where, inputType, value, outcome: 'timeout-default' };
    }
    if ('approvals' in outcome) {
      const { approvals, ...rest } = outcome;
      return { ...where, ...rest, inputType: request.inputType, value: approvals, outcome: 'approvals' };
    }
    return { ...where, ...outcome, outcome: 'input' };
  }

  /** The recorded outcome of the pause keyed `key`, if any (never a receive's). */
  pauseOutcomeOf(runId: string, key: string): Promise<FlowRunInputEntity | null> {
    return this.history.pauseInputOf(runId, key);
  }
}

function taskCall(task: TaskStep) {
  return { runId: task.runId, taskKey: task.key, taskName: task.name, step: task.step };
}
