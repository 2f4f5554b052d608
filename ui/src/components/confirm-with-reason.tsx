import { useRef, useState, type FormEvent } from 'react';

interface Props {
  /** The button that opens the dialog. */
  opener: { label: string; className: string };
  heading: string;
  headingId: string;
  explanation: string;
  confirm: { label: string; className: string };
  dismissLabel: string;
  /** Does the action with the reason (null when none was given); the dialog closes when it settles. */
  onConfirm(reason: string | null): Promise<void>;
}

/**
 * A button that asks first: a native modal `<dialog>` (focus stays inside, Escape closes it)
 * with an optional reason for the run's history.
 */
export function ConfirmWithReason({ opener, heading, headingId, explanation, confirm, dismissLabel, onConfirm }: Props) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    try {
      await onConfirm(reason.trim() || null);
    } finally {
      setBusy(false);
      dialog.current?.close();
    }
  };
  return (
    <>
      <button type="button" className={opener.className} onClick={() => dialog.current?.showModal()}>
        {opener.label}
      </button>
      <dialog ref={dialog} aria-labelledby={headingId}>
        <form onSubmit={(event) => void submit(event)} className="start-run">
          <h2 id={headingId}>{heading}</h2>
          <p className="description">{explanation}</p>
          <label>
            Reason (optional, kept in its history)
            <input value={reason} maxLength={500} onChange={(event) => setReason(event.target.value)} autoFocus />
          </label>
          <div className="actions">
            <button type="submit" className={confirm.className} disabled={busy}>
              {confirm.label}
            </button>
            <button type="button" onClick={() => dialog.current?.close()}>
              {dismissLabel}
            </button>
          </div>
        </form>
      </dialog>
    </>
  );
}
