import { useState } from 'react';
import { request } from '../graphql/client';
import { SEND_INPUT } from '../graphql/operations';
import type { FlowRunDetail, ReceiveRequest } from '../graphql/types';
import type { AnswerOutcomes } from '../hooks/use-answer-outcomes';
import { useAnswerFailure } from '../hooks/use-answer-failure';
import { receiveTitle } from '../runs/titles';
import { AnswerForm, type Answer } from './answer-form';
import { ExpiryText } from './expiry-countdown';

interface Props {
  run: FlowRunDetail;
  receiving: ReceiveRequest;
  outcomes: AnswerOutcomes;
}

/**
 * The input a RUNNING run blocked in receiveInput waits for, sent with `sendInput` (to the key
 * the flow waits for, if it names one). Inputs queue in the run's mailbox, so several people
 * sending is no conflict: the run takes them in turn.
 */
export function SendInputForm({ run, receiving, outcomes }: Props) {
  const title = receiveTitle(receiving);
  const headingId = `receive-heading-${run.id}`;
  const { failure, serverErrors, clear, edited, report } = useAnswerFailure('send the input');
  const [busy, setBusy] = useState(false);

  const send = async ({ inputType, data }: Answer) => {
    setBusy(true);
    clear();
    try {
      await request(SEND_INPUT, {
        id: run.id,
        input: data ?? {},
        inputType: inputType ?? receiving.inputTypes[0],
        key: receiving.key ?? null,
      });
      outcomes.inputSent(title);
    } catch (error) {
      report(error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="input-request" aria-labelledby={headingId}>
      <h3 id={headingId}>{title}</h3>
      <p className="waiting-line">
        Running: waiting for input
        {receiving.expiresAt && (
          <>
            {' · '}
            <span className="countdown">
              <ExpiryText expiresAt={receiving.expiresAt} />
            </span>
          </>
        )}
      </p>
      {failure && (
        <p role="alert" className="failure">
          {failure.text}
        </p>
      )}
      <AnswerForm
        idPrefix={`receive-${run.id}`}
        schema={receiving.schema ?? null}
        labelledBy={headingId}
        submitLabel="Send"
        busy={busy}
        serverErrors={serverErrors}
        onEdited={edited}
        onSubmit={(answer) => void send(answer)}
      />
    </section>
  );
}
