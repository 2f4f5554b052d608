import { Injectable } from '@nestjs/common';
import { Flow, getRunLogger, pauseFlowRun } from '../../index.js';
import { ExpenseSignOff, ExpenseTurnDown } from './expense-sign-off.inputs.js';

/** A day: nobody answering by then is an answer too. */
const ONE_DAY = 24 * 3600;
/** Approvers are reminded every four hours, three times at most (see ExpenseReminders). */
const REMIND = { every: 4 * 3600, times: 3 };

/**
 * Two approvers out of finance and the CTO, one "no" ends it, reminders every four hours, and a
 * deadline that goes on with whatever was said by then (start the demo with role-carrying keys:
 * README, "Approvals").
 */
@Injectable()
export class ExpenseApprovalFlows {
  @Flow({
    description: 'Expense approval: 2 of finance and the CTO; goes on after a day',
    inputs: [ExpenseSignOff, ExpenseTurnDown],
  })
  async expenseApproval(parameters?: { amount?: number }): Promise<string> {
    const amount = parameters?.amount ?? 0;
    const decision = await pauseFlowRun({
      waitForInput: [ExpenseSignOff, ExpenseTurnDown],
      title: 'Expense approval',
      description: `Expense of ${amount} EUR: two sign-offs from finance or the CTO`,
      approvals: { required: 2, from: ['finance', 'cto'], rejectOn: ExpenseTurnDown },
      timeout: { after: ONE_DAY, then: 'resume' },
      remind: REMIND,
    });
    const who = decision.answers.map((answer) => answer.principal).join(', ') || 'nobody';
    const outcome = decision.rejected
      ? `turned down by ${decision.answers.at(-1)!.principal}: ${(decision.answers.at(-1)!.value as ExpenseTurnDown).reason}`
      : decision.approved
        ? `approved by ${who}`
        : `not approved in time (${decision.answers.length} of 2: ${who})`;
    getRunLogger().info(`Expense of ${amount} EUR ${outcome}`);
    return outcome;
  }
}
