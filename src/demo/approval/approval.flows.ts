import { Injectable } from '@nestjs/common';
import { Flow, getRunLogger, pauseFlowRun } from '../../index.js';
import { Approve, Reject } from './decision.inputs.js';

@Injectable()
export class ApprovalFlows {
  /** Waits for the first of two answers; the client says which with `inputType`. */
  @Flow({ description: 'Approve or reject an expense', inputs: [Approve, Reject] })
  async approveExpense(parameters?: { amount?: number }): Promise<string> {
    const decision = await pauseFlowRun({
      waitForInput: [Approve, Reject],
      title: 'Decision',
      description: `Expense of ${parameters?.amount ?? 0} EUR: approve or reject`,
    });
    const outcome = decision instanceof Approve ? `approved by ${decision.approver}` : `rejected: ${decision.reason}`;
    getRunLogger().info(`Expense ${outcome}`);
    return outcome;
  }
}
