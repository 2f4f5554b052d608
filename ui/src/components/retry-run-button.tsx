import { useRef, useState, type FormEvent } from 'react';
import { request } from '../graphql/client';
import { GraphqlRequestError, errorMessage } from '../graphql/graphql-request.error';
import { RETRY_FLOW_RUN } from '../graphql/operations';

interface Props {
  runId: string;
  /** Told what happened, for a status line. */
  onResult(message: string, ok: boolean): void;
}

/**
 * Retries a FAILED run after a confirmation (a native modal `<dialog>` with an optional reason
 * for the run's history). The new state arrives through the live stream.
 */
export function RetryRunButton({ runId, onResult }: Props) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const retry = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    try {
      await request(RETRY_FLOW_RUN, { id: runId, reason: reason.trim() || null });
      onResult('Retrying: the run replays, and the step that failed runs again.', true);
    } catch (error) {
      const conflict = error instanceof GraphqlRequestError && error.code === 'CONFLICT';
      onResult(conflict ? 'Already retried: the run is no longer FAILED.' : `Could not retry: ${errorMessage(error)}`, false);
    } finally {
      setBusy(false);
      dialog.current?.close();
    }
  };
  return (
    <>
      <button type="button" className="primary" onClick={() => dialog.current?.showModal()}>
        Retry run
      </button>
      <dialog ref={dialog} aria-labelledby="retry-run-heading">
        <form onSubmit={(event) => void retry(event)} className="start-run">
          <h2 id="retry-run-heading">Retry this run?</h2>
          <p className="description">
            It is replayed: recorded task results and answers are kept, and the step that failed runs again.
          </p>
          <label>
            Reason (optional, kept in its history)
            <input value={reason} maxLength={500} onChange={(event) => setReason(event.target.value)} autoFocus />
          </label>
          <div className="actions">
            <button type="submit" className="primary" disabled={busy}>
              Retry
            </button>
            <button type="button" onClick={() => dialog.current?.close()}>
              Close
            </button>
          </div>
        </form>
      </dialog>
    </>
  );
}
