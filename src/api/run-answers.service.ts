import { Injectable } from '@nestjs/common';
import type { AnsweredInput, NeedsAnswer } from '../domain/answered-input.js';
import { approvalsOutcomeOf, isApprovalsOutcome, type StoredApproval } from '../domain/approvals.js';
import { InvalidPageSizeError } from '../domain/errors/invalid-page-size.error.js';
import { FlowRunState } from '../domain/flow-run-state.js';
import type { FlowRun } from '../domain/flow-run.js';
import { PauseExpiry } from '../engine/pause-expiry.js';
import { InputTypeRegistry } from '../inputs/input-type.registry.js';
import { NO_INPUT_TITLE } from '../inputs/input-title.js';
import { readableClassName } from '../inputs/readable-name.js';
import type { FlowRunInputEntity } from '../persistence/entities/index.js';
import { NeedsAnswerStore } from '../persistence/needs-answer.store.js';
import { RunHistoryStore } from '../persistence/run-history.store.js';
import { RunStore } from '../persistence/run.store.js';
import type { Principal } from '../security/principal.js';
import { RunAccessPolicy } from '../security/run-access.policy.js';
import { StoreFailures } from './store-failures.js';

/** Most runs `runsNeedingAnswer` returns at once, and its default. */
export const MAX_NEEDS_ANSWER_PAGE = 200;
export const DEFAULT_NEEDS_ANSWER_PAGE = 50;
/** With a read policy that hides runs, at most this many waiting runs are looked at (counted). */
const MAX_SCANNED_RUNS = 2000;

/** Options of `runsNeedingAnswer`. */
export interface RunsNeedingAnswerOptions {
  /** Only runs of this flow. */
  flowName?: string;
  /** How many runs to return, 0-200; default 50. More: InvalidPageSizeError. */
  first?: number;
  /**
   * Only runs this principal may read (the read policy, as `flowRuns`), counts included; null:
   * an anonymous client. Absent: every run (a server-side call).
   */
  readableBy?: Principal | null;
}

/** Who has to answer what: runs waiting for an answer, and the answers runs were given. */
@Injectable()
export class RunAnswersService {
  constructor(
    private readonly waiting: NeedsAnswerStore,
    private readonly history: RunHistoryStore,
    private readonly inputTypes: InputTypeRegistry,
    private readonly access: RunAccessPolicy,
    private readonly failures: StoreFailures,
    private readonly expiry: PauseExpiry,
    private readonly runs: RunStore,
  ) {}

  /**
   * Runs PAUSED, SUSPENDED, or RUNNING and blocked in receiveInput: the soonest to expire first
   * (runs without expiry last), then the oldest; counts over all of them, not only the page.
   * A pause past its deadline waits for nobody: it is left out (and expired in the background).
   */
  async runsNeedingAnswer(options: RunsNeedingAnswerOptions = {}): Promise<NeedsAnswer> {
    const first = options.first ?? DEFAULT_NEEDS_ANSWER_PAGE;
    if (!Number.isInteger(first) || first < 0 || first > MAX_NEEDS_ANSWER_PAGE) {
      throw new InvalidPageSizeError(first, MAX_NEEDS_ANSWER_PAGE);
    }
    const read = async (): Promise<NeedsAnswer> => {
      if (options.readableBy !== undefined && this.access.restricts('read')) {
        return this.readable(options.readableBy, first, options.flowName);
      }
      const [counts, runs] = await Promise.all([
        this.waiting.count(options.flowName),
        this.waiting.list(first, options.flowName),
      ]);
      return { counts: { ...counts, total: counts.paused + counts.suspended + counts.receiving }, runs };
    };
    const needs = await read().catch(this.failures.rethrow);
    // Pauses past their deadline were left out: their timeouts are applied without holding this up.
    this.expiry.expireDueLater();
    return needs;
  }

  /**
   * The answers a run was given (and the timeouts of its waits), oldest first; an approvals
   * pause still waiting included (one answer per principal so far).
   */
  async answeredInputs(runId: string): Promise<AnsweredInput[]> {
    const [given, run] = await Promise.all([this.answersOf([runId]), this.runs.findRun(runId).catch(this.failures.rethrow)]);
    return run ? [...given, ...this.pendingAnswers(run)] : given;
  }

  /** The answers of several runs (one read), oldest first; with `last`, each run's `last` newest. */
  async answersOf(runIds: readonly string[], last?: number): Promise<AnsweredInput[]> {
    const rows = await this.history.answersOf(runIds, last).catch(this.failures.rethrow);
    return rows.flatMap((row) => this.answered(row));
  }

  /**
   * The answers an approvals pause the run waits on was given so far (kept in its input
   * request until the set is complete, then stored as the pause's outcome); none otherwise.
   */
  pendingAnswers(run: FlowRun): AnsweredInput[] {
    const waiting = run.state === FlowRunState.PAUSED || run.state === FlowRunState.SUSPENDED;
    const request = waiting ? run.inputRequest : null;
    const row = { runId: run.id, key: request?.key ?? '', attempt: run.attempt };
    return (request?.approvals?.answers ?? []).map((answer) => this.approval(row, answer));
  }

  /** Reads on through the waiting runs the principal may not read, so neither the page nor the counts tell of them. */
  private async readable(principal: Principal | null, first: number, flowName?: string): Promise<NeedsAnswer> {
    const candidates = await this.waiting.list(MAX_SCANNED_RUNS, flowName);
    const allowed = await Promise.all(candidates.map((run) => this.access.allows(principal, 'read', run)));
    const runs = candidates.filter((_, index) => allowed[index]);
    const of = (matches: (run: FlowRun) => boolean) => runs.filter(matches).length;
    const counts = {
      paused: of((run) => run.state === FlowRunState.PAUSED),
      suspended: of((run) => run.state === FlowRunState.SUSPENDED),
      receiving: of((run) => run.state === FlowRunState.RUNNING),
    };
    return { counts: { ...counts, total: runs.length }, runs: runs.slice(0, first) };
  }

  /** A row as answers: an approvals outcome holds one per principal. */
  private answered(row: FlowRunInputEntity): AnsweredInput[] {
    if (row.outcome === 'approvals') {
      return approvalsOutcomeOf(row.value).answers.map((answer) => this.approval(row, answer));
    }
    // An approvals pause whose deadline went on with the answers given so far: those, then the deadline.
    if (row.outcome === 'timeout-default' && isApprovalsOutcome(row.value)) {
      const answers = row.value.answers.map((answer) => this.approval(row, answer));
      return [...answers, { ...this.single(row), value: null }];
    }
    return [this.single(row)];
  }

  private approval(
    { runId, key, attempt }: Pick<FlowRunInputEntity, 'runId' | 'key' | 'attempt'>,
    answer: StoredApproval,
  ): AnsweredInput {
    return {
      runId,
      key,
      attempt: attempt ?? 1,
      inputType: answer.inputType,
      title: this.titleOf(answer.inputType),
      value: answer.value ?? null,
      principal: answer.principal,
      answeredAt: new Date(answer.answeredAt),
      outcome: 'input',
    };
  }

  private single(row: FlowRunInputEntity): AnsweredInput {
    return {
      runId: row.runId,
      key: row.key,
      inputType: row.inputType,
      title: row.outcome === 'timeout' ? null : this.titleOf(row.inputType),
      value: row.value ?? null,
      principal: row.resumedBy,
      answeredAt: row.createdAt,
      outcome: row.outcome,
      attempt: row.attempt ?? 1,
    };
  }

  private titleOf(inputType: string | null): string {
    if (!inputType) return NO_INPUT_TITLE;
    const title = this.inputTypes.get(inputType)?.jsonSchema().title;
    return typeof title === 'string' ? title : readableClassName(inputType);
  }
}
