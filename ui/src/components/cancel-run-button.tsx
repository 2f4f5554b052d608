import { request } from '../graphql/client';
import { errorMessage, isConflict } from '../graphql/graphql-request.error';
import { CANCEL_FLOW_RUN } from '../graphql/operations';
import { ConfirmWithReason } from './confirm-with-reason';

interface Props {
  runId: string;
  /** Just before the cancel is sent. */
  onCancelling?(): void;
  /** Told what happened, for a status line. */
  onResult(message: string, ok: boolean): void;
}

/**
 * Cancels the run after a confirmation, with an optional reason for its history; the new state
 * arrives through the live stream. Lives away from the answer form's Resume, so one cannot be
 * hit for the other.
 */
export function CancelRunButton({ runId, onCancelling, onResult }: Props) {
  const cancel = async (reason: string | null) => {
    onCancelling?.();
    try {
      await request(CANCEL_FLOW_RUN, { id: runId, reason });
      onResult('Cancelled.', true);
    } catch (error) {
      const text = isConflict(error)
        ? 'Already finished or resumed: the run can no longer be cancelled.'
        : `Could not cancel: ${errorMessage(error)}`;
      onResult(text, false);
    }
  };
  return (
    <ConfirmWithReason
      opener={{ label: 'Cancel run…', className: 'danger' }}
      heading="Cancel this run?"
      headingId="cancel-run-heading"
      explanation="It stops for good: a cancelled run cannot be resumed or retried."
      confirm={{ label: 'Cancel the run', className: 'danger' }}
      dismissLabel="Keep it"
      onConfirm={cancel}
    />
  );
}
