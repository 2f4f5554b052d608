import { useState } from 'react';
import { request } from '../graphql/client';
import { GraphqlRequestError, errorMessage } from '../graphql/graphql-request.error';
import { CANCEL_FLOW_RUN } from '../graphql/operations';

interface Props {
  runId: string;
  /** Told what happened, for a status line. */
  onResult(message: string, ok: boolean): void;
}

/** Cancels the run (the new state arrives through the live stream). */
export function CancelRunButton({ runId, onResult }: Props) {
  const [busy, setBusy] = useState(false);
  const cancel = async () => {
    setBusy(true);
    try {
      await request(CANCEL_FLOW_RUN, { id: runId });
      onResult('Cancelled.', true);
    } catch (error) {
      const conflict = error instanceof GraphqlRequestError && error.code === 'CONFLICT';
      onResult(
        conflict
          ? 'Already finished or resumed: the run can no longer be cancelled.'
          : `Could not cancel: ${errorMessage(error)}`,
        false,
      );
    } finally {
      setBusy(false);
    }
  };
  return (
    <button type="button" className="danger" disabled={busy} onClick={() => void cancel()}>
      Cancel run
    </button>
  );
}
