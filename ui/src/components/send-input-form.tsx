import { request } from '../graphql/client';
import { SEND_INPUT } from '../graphql/operations';
import type { FlowRunDetail, ReceiveRequest } from '../graphql/types';
import type { AnswerOutcomes } from '../hooks/use-answer-outcomes';
import { useAnswerSender } from '../hooks/use-answer-sender';
import { receiveTitle } from '../runs/titles';
import type { Answer } from './answer-form';
import { WaitingSection } from './waiting-section';

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
  const sender = useAnswerSender('send the input');

  const send = ({ inputType, data }: Answer) =>
    sender.send(async () => {
      const inputTypeSent = inputType ?? receiving.inputTypes[0];
      await request(SEND_INPUT, { id: run.id, input: data ?? {}, inputType: inputTypeSent, key: receiving.key ?? null });
      outcomes.inputSent(title);
    });

  return (
    <WaitingSection
      id={`receive-${run.id}`}
      title={title}
      status="Running: waiting for input"
      expiresAt={receiving.expiresAt}
      schema={receiving.schema ?? null}
      submitLabel="Send"
      sender={sender}
      onSubmit={(answer) => void send(answer)}
    />
  );
}
