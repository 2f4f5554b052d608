import { Injectable, Logger } from '@nestjs/common';
import { OnFlowRunPaused, type FlowRun, type PauseNotice } from '../../index.js';

/**
 * Tells the approvers of an expense: when it starts waiting, and at each reminder while it still
 * waits. The demo logs; a real app would e-mail a signed resume link or post to chat here.
 */
@Injectable()
export class ExpenseReminders {
  private readonly logger = new Logger('ExpenseApproval');

  @OnFlowRunPaused('expense-approval')
  announce(run: FlowRun, notice: PauseNotice): void {
    const request = run.inputRequest;
    const approvals = request?.approvals;
    const missing = approvals ? approvals.required - approvals.answers.length : 0;
    const from = approvals?.from?.join(' or ') ?? 'anyone';
    const waiting = `expense run ${run.id} waits for ${missing} sign-off(s) from ${from}`;
    if (notice.reminder) {
      this.logger.log(`Reminder ${notice.reminder} of ${request?.reminders?.times ?? notice.reminder}: ${waiting}`);
    } else if (!notice.escalated) {
      this.logger.log(`New: ${waiting}`);
    }
  }
}
