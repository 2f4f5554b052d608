import { useRef, useState, type FormEvent } from 'react';
import { request } from '../graphql/client';
import { errorMessage, isConflict } from '../graphql/graphql-request.error';
import { CANCEL_FLOW_RUN } from '../graphql/operations';

interface Props {
  runId: string;
  /** Just before the cancel is sent. */
  onCancelling?(): void;
  /** Told what happened, for a status line. */
  onResult(message: string, ok: boolean): void;
}

/**
 * Cancels the run after a confirmation (a native modal `<dialog>` with an optional reason for
 * its history); the new state arrives through the live stream. Lives away from the answer
 * form's Resume, so one cannot be hit for the other.
 */
export function CancelRunButton({ runId, onCancelling, onResult }: Props) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const cancel = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    onCancelling?.();
    try {
      await request(CANCEL_FLOW_RUN, { id: runId, reason: reason.trim() || null });
      onResult('Cancelled.', true);
    } catch (error) {
      onResult(
        isConflict(error)
          ? 'Already finished or resumed: the run can no longer be cancelled.'
          : `Could not cancel: ${errorMessage(error)}`,
        false,
      );
    } finally {
      setBusy(false);
      dialog.current?.close();
    }
  };
  return (
    <>
      <button type="button" className="danger" onClick={() => dialog.current?.showModal()}>
        Cancel run…
      </button>
      <dialog ref={dialog} aria-labelledby="cancel-run-heading">
        <form onSubmit={(event) => void cancel(event)} className="start-run">
          <h2 id="cancel-run-heading">Cancel this run?</h2>
          <p className="description">It stops for good: a cancelled run cannot be resumed or retried.</p>
          <label>
            Reason (optional, kept in its history)
            <input value={reason} maxLength={500} onChange={(event) => setReason(event.target.value)} autoFocus />
          </label>
          <div className="actions">
            <button type="submit" className="danger" disabled={busy}>
              Cancel the run
            </button>
            <button type="button" onClick={() => dialog.current?.close()}>
              Keep it
            </button>
          </div>
        </form>
      </dialog>
    </>
  );
}
