import { RunInput } from '../../../src/index.js';
import { approvalsOutcomeOf, mayApprove } from '../../../src/domain/approvals.js';
import { approvalsRequest } from '../../../src/engine/approvals/approvals-request.js';
import { approvalsOf } from '../../../src/engine/approvals/approvals.result.js';
import { RunJournal } from '../../../src/engine/replay/run-journal.js';
import { DeterminismError } from '../../../src/index.js';
import type { FlowRunInputEntity } from '../../../src/persistence/entities/index.js';

class Yes extends RunInput {
  note?: string;
}
class No extends RunInput {}

const outcome = {
  answers: [
    { principal: 'alice', inputType: 'Yes', value: { note: 'ok' }, answeredAt: '2026-12-01T07:00:00.000Z' },
    { principal: 'bob', inputType: 'No', value: {}, answeredAt: '2026-12-01T07:01:00.000Z' },
  ],
  rejected: true,
};

describe('approvals', () => {
  it('mayApprove: anyone without from; else by id or by one of the roles', () => {
    expect(mayApprove(null, 'eve', [])).toBe(true);
    expect(mayApprove(['finance', 'carol'], 'carol', [])).toBe(true);
    expect(mayApprove(['finance', 'carol'], 'alice', ['clerk', 'finance'])).toBe(true);
    expect(mayApprove(['finance', 'carol'], 'dave', ['clerk'])).toBe(false);
  });

  it('approvalsRequest: checks each option and names the one that is wrong', () => {
    expect(approvalsRequest({ required: 2, from: ['cto'], rejectOn: No }, [Yes, No], 'pauseFlowRun')).toEqual({
      required: 2,
      from: ['cto'],
      rejectOn: 'No',
      answers: [],
    });
    expect(() => approvalsRequest({ required: 1.5 }, [Yes], 'pauseFlowRun')).toThrow(/approvals\.required/);
    expect(() => approvalsRequest({ required: 0 }, [Yes], 'suspendFlowRun')).toThrow(/^suspendFlowRun approvals\.required/);
    expect(() => approvalsRequest({ required: 101 }, [Yes], 'pauseFlowRun')).toThrow(/from 1 to 100; got 101/);
    expect(() => approvalsRequest({ required: 1, from: [] }, [Yes], 'pauseFlowRun')).toThrow(/approvals\.from/);
    expect(() => approvalsRequest({ required: 1, from: [''] }, [Yes], 'pauseFlowRun')).toThrow(/approvals\.from/);
    expect(() => approvalsRequest({ required: 1, rejectOn: No }, [Yes], 'pauseFlowRun')).toThrow(/rejectOn .* No is not/);
  });

  it('approvalsOf: rebuilds each answer into its class, with its date; tolerates a malformed outcome', () => {
    const decision = approvalsOf(outcome, [Yes, No], 2);
    expect(decision.rejected).toBe(true);
    expect(decision.approved).toBe(false);
    expect(decision.answers.map((answer) => answer.principal)).toEqual(['alice', 'bob']);
    expect(decision.answers[0].value).toBeInstanceOf(Yes);
    expect((decision.answers[0].value as Yes).note).toBe('ok');
    expect(decision.answers[1].value).toBeInstanceOf(No);
    expect(decision.answers[1].answeredAt).toEqual(new Date('2026-12-01T07:01:00.000Z'));
    expect(approvalsOutcomeOf(null)).toEqual({ answers: [], rejected: false });
    // Counted, not trusted: short of `required` (a pause that went on without them) is not approved.
    expect(approvalsOf({ answers: outcome.answers.slice(0, 1), rejected: false }, [Yes, No], 2)).toMatchObject({
      approved: false,
      rejected: false,
    });
    expect(approvalsOf({ answers: outcome.answers, rejected: false }, [Yes, No], 2).approved).toBe(true);
    expect(approvalsOf({ value: 'a default' }, [Yes, No], 1)).toMatchObject({ answers: [], approved: false });
  });

  it('replay: an approvals outcome answers only an approvals pause at its step, as stored', () => {
    const row = { step: 1, kind: 'pause', key: 'pause-1', inputType: 'Yes | No', value: outcome, outcome: 'approvals' };
    const rows = () => ({ tasks: [], inputs: [row as unknown as FlowRunInputEntity], received: [] });
    const call = { kind: 'pause' as const, key: 'pause-1', inputClasses: [Yes, No], timeout: 60 };
    expect(new RunJournal('run-1', rows()).take({ ...call, approvals: true })).toMatchObject({ replayed: true, value: outcome });
    expect(() => new RunJournal('run-1', rows()).take(call)).toThrow(DeterminismError);
    const single = { ...row, inputType: 'Yes', value: {}, outcome: 'input' };
    const plain = new RunJournal('run-1', { tasks: [], inputs: [single as unknown as FlowRunInputEntity], received: [] });
    expect(() => plain.take({ ...call, approvals: true })).toThrow(DeterminismError);
  });
});
