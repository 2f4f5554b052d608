import { request } from '../graphql/client';
import { isConflict } from '../graphql/graphql-request.error';
import { RESUME_RUN } from '../graphql/operations';
import type { FlowRunDetail, InputRequest, PreviousAnswer } from '../graphql/types';
import type { AnswerOutcomes } from '../hooks/use-answer-outcomes';
import { useAnswerSender } from '../hooks/use-answer-sender';
import { requestTitle } from '../runs/titles';
import type { Answer } from './answer-form';
import { WaitingSection } from './waiting-section';

interface Props {
  run: FlowRunDetail;
  inputRequest: InputRequest;
  outcomes: AnswerOutcomes;
}

/**
 * The answer a paused (or suspended) run waits for. What became of the answer (sent, or beaten
 * by someone else's) is the run's to show (`outcomes`): it outlives this form, which goes as
 * soon as the run stops waiting.
 */
export function InputRequestForm({ run, inputRequest, outcomes }: Props) {
  const title = requestTitle(inputRequest);
  const { key } = inputRequest;
  const sender = useAnswerSender('send your answer');

  const resume = ({ inputType, data }: Answer) =>
    sender.send(
      async () => {
        outcomes.sending(key, title);
        await request(RESUME_RUN, { id: run.id, input: inputType ? { inputType, ...data } : data, key });
        outcomes.sent(key, title);
      },
      (error) => {
        if (isConflict(error)) outcomes.beaten(key, title);
        else outcomes.failed(key);
        return isConflict(error);
      },
    );

  return (
    <WaitingSection
      id={`input-${key}`}
      title={title}
      status={`${inputRequest.suspended ? 'Suspended' : 'Paused'}: ${waitingFor(inputRequest)}`}
      expiresAt={inputRequest.expiresAt}
      description={inputRequest.description}
      schema={inputRequest.schema}
      initialData={inputRequest.initialData}
      submitLabel="Resume"
      sender={sender}
      onSubmit={(answer) => void resume(answer)}
    />
  );
}

/**
 * "waiting for your answer", or an approvals pause's progress: "1 of 2 approvals so far (alice)";
 * then, once a reminder went out, "· Reminded 1 of 3"; on a retried run asking again, whose
 * earlier answer the form starts from: "· Asked again: attempt 1 was answered by alice".
 */
function waitingFor({ approvals, reminders, previousAnswer }: InputRequest): string {
  const reminded = reminders?.sent ? ` · Reminded ${reminders.sent} of ${reminders.times}` : '';
  const again = previousAnswer ? ` · Asked again: ${earlier(previousAnswer)}` : '';
  if (!approvals) return `waiting for your answer${reminded}${again}`;
  const who = approvals.answeredBy.length ? ` (${approvals.answeredBy.join(', ')})` : '';
  return `${approvals.received} of ${approvals.required} approvals so far${who}${reminded}${again}`;
}

function earlier({ attempt, principal, outcome }: PreviousAnswer): string {
  if (outcome !== 'input') return `attempt ${attempt} timed out`;
  return principal ? `attempt ${attempt} was answered by ${principal}` : `attempt ${attempt} was answered`;
}
