import { useState } from 'react';
import { request } from '../graphql/client';
import { isConflict } from '../graphql/graphql-request.error';
import { RESUME_RUN } from '../graphql/operations';
import type { FlowRunDetail, InputRequest } from '../graphql/types';
import type { AnswerOutcomes } from '../hooks/use-answer-outcomes';
import { useAnswerFailure } from '../hooks/use-answer-failure';
import { requestTitle } from '../runs/titles';
import { AnswerForm, type Answer } from './answer-form';
import { ExpiryText } from './expiry-countdown';

interface Props {
  run: FlowRunDetail;
  inputRequest: InputRequest;
  outcomes: AnswerOutcomes;
}

/**
 * The answer a paused (or suspended) run waits for, as a form titled in words. What became of
 * the answer (sent, or beaten by someone else's) is the run's to show (`outcomes`): it outlives
 * this form, which goes as soon as the run stops waiting.
 */
export function InputRequestForm({ run, inputRequest, outcomes }: Props) {
  const title = requestTitle(inputRequest);
  const headingId = `input-heading-${inputRequest.key}`;
  const { failure, serverErrors, clear, edited, report } = useAnswerFailure('send your answer');
  const [busy, setBusy] = useState(false);

  const resume = async ({ inputType, data }: Answer) => {
    const input = inputType ? { inputType, ...data } : data;
    setBusy(true);
    clear();
    outcomes.sending(inputRequest.key, title);
    try {
      await request(RESUME_RUN, { id: run.id, input, key: inputRequest.key });
      outcomes.sent(inputRequest.key, title);
    } catch (error) {
      if (isConflict(error)) {
        outcomes.beaten(inputRequest.key, title);
      } else {
        outcomes.failed(inputRequest.key);
        report(error);
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="input-request" aria-labelledby={headingId}>
      <h3 id={headingId}>{title}</h3>
      <p className="waiting-line">
        {inputRequest.suspended ? 'Suspended' : 'Paused'}: waiting for your answer
        {inputRequest.expiresAt && (
          <>
            {' · '}
            <span className="countdown">
              <ExpiryText expiresAt={inputRequest.expiresAt} />
            </span>
          </>
        )}
      </p>
      {inputRequest.description && <p className="description">{inputRequest.description}</p>}
      {failure && (
        <p role="alert" className="failure">
          {failure.text}
        </p>
      )}
      <AnswerForm
        idPrefix={`input-${inputRequest.key}`}
        schema={inputRequest.schema}
        initialData={inputRequest.initialData}
        labelledBy={headingId}
        submitLabel="Resume"
        busy={busy}
        serverErrors={serverErrors}
        onEdited={edited}
        onSubmit={(answer) => void resume(answer)}
      />
    </section>
  );
}
