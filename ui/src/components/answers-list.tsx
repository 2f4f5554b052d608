import type { AnsweredInput } from '../graphql/types';
import { principalName } from '../runs/titles';
import { AnswerValue } from './answer-value';
import { TimeText } from './time-text';

/** The answers the run took, oldest first: what was asked, who answered, when, and the answer (or that the wait timed out). */
export function AnswersList({ inputs }: { inputs: AnsweredInput[] }) {
  if (!inputs.length) return <p className="muted">No answers yet.</p>;
  return (
    <ol className="answers" aria-label="Answers">
      {inputs.map((input) => (
        <li key={input.key}>
          <p>
            <strong>{input.title || input.inputType || 'A wait'}</strong> —{' '}
            {input.outcome === 'timeout' ? 'timed out' : `answered by ${principalName(input.principal)}`},{' '}
            <TimeText value={input.answeredAt} />
          </p>
          {input.outcome !== 'timeout' && <AnswerValue value={input.value} />}
        </li>
      ))}
    </ol>
  );
}
