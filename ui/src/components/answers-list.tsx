import type { AnsweredInput } from '../graphql/types';
import { principalName } from '../runs/titles';
import { AnswerValue } from './answer-value';
import { TimeText } from './time-text';

/** The answers the run took, oldest first: what was asked, who answered, when, and the answer. */
export function AnswersList({ inputs }: { inputs: AnsweredInput[] }) {
  if (!inputs.length) return <p className="muted">No answers yet.</p>;
  return (
    <ol className="answers" aria-label="Answers">
      {inputs.map((input) => (
        <li key={input.key}>
          <p>
            <strong>{input.title || input.inputType || 'Go-ahead'}</strong> — answered by {principalName(input.principal)},{' '}
            <TimeText value={input.answeredAt} />
            {input.outcome && !/^(answered|resumed|accepted|received)$/i.test(input.outcome) && (
              <span className="muted"> ({input.outcome})</span>
            )}
          </p>
          <AnswerValue value={input.value} />
        </li>
      ))}
    </ol>
  );
}
