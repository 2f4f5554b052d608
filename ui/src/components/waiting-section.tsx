import type { JsonObject } from '../graphql/types';
import type { AnswerSender } from '../hooks/use-answer-sender';
import { AnswerForm, type Answer } from './answer-form';
import { ExpiryText } from './expiry-countdown';

interface Props {
  /** Unique on the page: the heading's id and the fields' prefix derive from it. */
  id: string;
  title: string;
  /** "Paused: waiting for your answer". */
  status: string;
  expiresAt: string | null;
  description?: string | null;
  schema: JsonObject | null;
  initialData?: JsonObject | null;
  submitLabel: string;
  sender: AnswerSender;
  onSubmit(answer: Answer): void;
}

/** What a run waits for, titled in words, with its deadline, why an answer failed, and the form. */
export function WaitingSection({ id, title, status, expiresAt, description, sender, ...form }: Props) {
  const headingId = `${id}-heading`;
  return (
    <section className="input-request" aria-labelledby={headingId}>
      <h3 id={headingId}>{title}</h3>
      <p className="waiting-line">
        {status}
        {expiresAt && (
          <>
            {' · '}
            <span className="countdown">
              <ExpiryText expiresAt={expiresAt} />
            </span>
          </>
        )}
      </p>
      {description && <p className="description">{description}</p>}
      {sender.failure && (
        <p role="alert" className="failure">
          {sender.failure.text}
        </p>
      )}
      <AnswerForm
        idPrefix={id}
        labelledBy={headingId}
        busy={sender.busy}
        serverErrors={sender.serverErrors}
        onEdited={sender.edited}
        {...form}
      />
    </section>
  );
}
