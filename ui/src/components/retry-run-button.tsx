import { request } from '../graphql/client';
import { errorMessage, isConflict } from '../graphql/graphql-request.error';
import { RETRY_FLOW_RUN } from '../graphql/operations';
import { ConfirmWithReason } from './confirm-with-reason';

interface Props {
  runId: string;
  /** Told what happened, for a status line. */
  onResult(message: string, ok: boolean): void;
}

/** Retries a FAILED run after a confirmation, with an optional reason for its history. The new state arrives through the live stream. */
export function RetryRunButton({ runId, onResult }: Props) {
  const retry = async (reason: string | null) => {
    try {
      await request(RETRY_FLOW_RUN, { id: runId, reason });
      onResult('Retrying: the run replays, and the step that failed runs again.', true);
    } catch (error) {
      onResult(
        isConflict(error) ? 'Already retried: the run is no longer FAILED.' : `Could not retry: ${errorMessage(error)}`,
        false,
      );
    }
  };
  return (
    <ConfirmWithReason
      opener={{ label: 'Retry run', className: 'primary' }}
      heading="Retry this run?"
      headingId="retry-run-heading"
      explanation="It is replayed: recorded task results and answers are kept, and the step that failed runs again."
      confirm={{ label: 'Retry', className: 'primary' }}
      dismissLabel="Close"
      onConfirm={retry}
    />
  );
}
