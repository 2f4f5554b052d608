import { useEffect, useRef } from 'react';
import { FINAL_STATES, type FlowRunDetail } from '../graphql/types';
import type { Outcome } from '../hooks/use-answer-outcomes';
import { clockTime, principalName } from '../runs/titles';
import { AnswerValue } from './answer-value';

/**
 * What became of an answer, lasting: "Alice answered first at 10:02 — your answer was not
 * used", with their answer (from the run's recorded inputs, once loaded). Focused when it comes
 * from the person's own action, so keyboard and screen-reader users land on it.
 */
export function AnswerOutcome({ outcome, run }: { outcome: Outcome; run: FlowRunDetail }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (outcome.focus) ref.current?.focus();
  }, [outcome]);
  const answer = run.inputs?.find((input) => input.key === outcome.key);
  const ok = outcome.kind !== 'beaten';
  return (
    <div
      ref={ref}
      tabIndex={-1}
      className={`outcome ${ok ? 'outcome-ok' : 'outcome-beaten'}`}
      role={ok ? 'status' : 'alert'}
      data-testid="answer-outcome"
    >
      <p>
        <strong>{headline(outcome, run, answer)}</strong>
      </p>
      {outcome.kind === 'beaten' && answer && answer.outcome !== 'timeout' && (
        <>
          <p className="muted">Their answer to “{outcome.title}”:</p>
          <AnswerValue value={answer.value} />
        </>
      )}
    </div>
  );
}

function headline(outcome: Outcome, run: FlowRunDetail, answer: NonNullable<FlowRunDetail['inputs']>[number] | undefined) {
  if (outcome.kind === 'sent') return `Your answer to “${outcome.title}” was sent. The run continues.`;
  if (outcome.kind === 'input-sent') return `Your input “${outcome.title}” was sent to the run.`;
  const notUsed = outcome.whileSending ? 'your answer was not used.' : 'nothing was sent from here.';
  if (answer?.outcome === 'timeout') return `“${outcome.title}” timed out at ${clockTime(answer.answeredAt)} — ${notUsed}`;
  if (answer) return `${principalName(answer.principal)} answered first at ${clockTime(answer.answeredAt)} — ${notUsed}`;
  if (FINAL_STATES.includes(run.state) && run.state !== 'COMPLETED')
    return `“${outcome.title}” stopped waiting: the run is ${run.state} — ${notUsed}`;
  return `Someone else answered “${outcome.title}” first — ${notUsed}`;
}
