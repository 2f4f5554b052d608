interface Props {
  /** The store has no run at all (null: not known). */
  storeEmpty: boolean | null;
  /** What the list shows: the needs-answer view, or runs by state and flow. */
  needsAnswer: boolean;
  filtered: boolean;
  onStart(): void;
  onShowAll(): void;
}

/** What an empty list says: a welcome for a new inbox, else what the filters left out. */
export function RunsEmpty({ storeEmpty, needsAnswer, filtered, onStart, onShowAll }: Props) {
  if (storeEmpty)
    return (
      <div className="empty">
        <p>No runs yet — start one.</p>
        <button type="button" className="primary" onClick={onStart}>
          Start a run
        </button>
      </div>
    );
  if (needsAnswer)
    return (
      <div className="empty">
        <p>Nothing needs an answer right now.</p>
        <button type="button" onClick={onShowAll}>
          Show all runs
        </button>
      </div>
    );
  return (
    <div className="empty">
      <p>{filtered ? 'No runs match these filters.' : 'No runs yet — start one.'}</p>
      {filtered && (
        <button type="button" onClick={onShowAll}>
          Show all runs
        </button>
      )}
    </div>
  );
}
