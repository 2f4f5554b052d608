import { Injectable } from '@nestjs/common';
import { mayApprove, type StoredApproval } from '../../domain/approvals.js';
import { escalatedTo } from '../../domain/pause-timers.js';
import { AlreadyAnsweredError } from '../../domain/errors/already-answered.error.js';
import { ApprovalNeedsPrincipalError } from '../../domain/errors/approval-needs-principal.error.js';
import { NotAnApproverError } from '../../domain/errors/not-an-approver.error.js';
import type { FlowRunState } from '../../domain/flow-run-state.js';
import type { FlowRun } from '../../domain/flow-run.js';
import type { InputRequest } from '../../domain/input-request.js';
import type { RequestToStore } from '../../persistence/sql/hot-statements.js';
import { ActiveRuns } from '../active-runs.js';
import { StepJournal } from '../replay/step.journal.js';
import { RunTransitions } from '../run-transitions.js';

/** A validated answer to an approvals pause, and who gave it. */
export interface ApprovalAnswer {
  inputType: string | null;
  /** The validated input as plain JSON (null without input). */
  value: unknown;
  principal: string | null;
  /** The principal's roles, matched against `approvals.from`. */
  roles: readonly string[];
  /** What the run's history says of it ('Approval'). */
  title: string;
}

/** How the answer that completes the set moves the run. */
export interface Resolving {
  to: FlowRunState;
  traceContext: string | null;
  clientRequest: RequestToStore | null;
}

/**
 * Counts one answer to an approvals pause: each answer is one guarded write of the run (its
 * version serialises concurrent answers, on any node). An answer that leaves the set short
 * records it in the run's input request (same state); the one that completes it (or a
 * rejecting one) stores every answer as the pause's outcome with the move that resumes the run.
 */
@Injectable()
export class ApprovalRecorder {
  constructor(
    private readonly transitions: RunTransitions,
    private readonly journal: StepJournal,
    private readonly active: ActiveRuns,
  ) {}

  /**
   * Refuses an answer that cannot count (anonymous, not an approver, already answered), before
   * its input is even validated; returns the principal whose answer it is.
   */
  admit(run: FlowRun, request: InputRequest, principal: string | null, roles: readonly string[]): string {
    const progress = request.approvals!;
    if (!principal) throw new ApprovalNeedsPrincipalError(run.id, request.key);
    // Once the pause escalated, its `escalate.to` count as approvers too.
    if (!mayApprove(progress.from, principal, roles) && !escalatedTo(run, principal, roles)) {
      throw new NotAnApproverError(run.id, request.key, principal);
    }
    if (progress.answers.some((given) => given.principal === principal)) {
      throw new AlreadyAnsweredError(run.id, request.key, principal);
    }
    return principal;
  }

  /** The run as written, or null when another writer changed it first (try again on a fresh read). */
  async record(run: FlowRun, request: InputRequest, answer: ApprovalAnswer, resolving: Resolving): Promise<FlowRun | null> {
    const progress = request.approvals!;
    const principal = this.admit(run, request, answer.principal, answer.roles);
    const given: StoredApproval = {
      principal,
      inputType: answer.inputType,
      value: answer.value,
      answeredAt: new Date().toISOString(),
    };
    const answers = [...progress.answers, given];
    const rejected = progress.rejectOn !== null && answer.inputType === progress.rejectOn;
    const count = `${answers.length} of ${progress.required} approvals`;
    const clientRequest = resolving.clientRequest ? { ...resolving.clientRequest, inputKey: request.key } : undefined;
    if (!rejected && answers.length < progress.required) {
      const inputRequest: InputRequest = { ...request, approvals: { ...progress, answers } };
      const message = `Answered by ${principal}: ${answer.title} (${count})`;
      const updated = await this.transitions.updateWaiting(run, message, { inputRequest }, clientRequest);
      const local = this.active.get(run.id);
      // The flow's own copy moves on with it: its timeout and later moves are guarded on this version.
      if (updated && local?.run.version === run.version) local.run = updated;
      return updated;
    }
    const outcome = { answers, rejected };
    const stored = this.journal.pauseOutcome(request, { approvals: outcome, principal, request: clientRequest });
    const message = rejected
      ? `Rejected by ${principal}: ${answer.title}`
      : `Answered by ${principal}: ${answer.title} (${count})`;
    const patch = resolving.traceContext ? { traceContext: resolving.traceContext } : {};
    const resumed = await this.transitions.resume(run, resolving.to, stored, message, patch);
    if (resumed) this.active.get(run.id)?.settleWaiter({ run: resumed, value: outcome });
    return resumed;
  }
}
