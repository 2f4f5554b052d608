import type { NeedsAnswer } from '../graphql/types';
import { useNeedsAnswer } from '../hooks/use-needs-answer';
import { useStoreEmpty } from '../hooks/use-store-empty';
import { RunsEmpty } from './runs-empty';
import { RunsList } from './runs-list';

interface Props {
  flowName: string;
  selectedId: string | null;
  onStart(): void;
  onShowAll(): void;
}

/** The landing view: every run waiting for a person, soonest expiry first, with counts. */
export function NeedsAnswerRuns({ flowName, selectedId, onStart, onShowAll }: Props) {
  const { runs, counts, loading, error } = useNeedsAnswer(flowName);
  const storeEmpty = useStoreEmpty(!loading && !error && runs.length === 0);
  if (error) return <p role="alert">Could not load the runs that need an answer: {error}</p>;
  return (
    <>
      {counts && counts.total > 0 && <Counts counts={counts} />}
      {runs.length > 0 ? (
        <RunsList runs={runs} selectedId={selectedId} asking />
      ) : loading ? (
        <p className="muted">Loading runs…</p>
      ) : (
        <RunsEmpty storeEmpty={storeEmpty} needsAnswer filtered={Boolean(flowName)} onStart={onStart} onShowAll={onShowAll} />
      )}
    </>
  );
}

function Counts({ counts }: { counts: NeedsAnswer['counts'] }) {
  const parts = [
    counts.paused && `${counts.paused} paused`,
    counts.suspended && `${counts.suspended} suspended`,
    counts.receiving && `${counts.receiving} waiting for input`,
  ].filter(Boolean);
  return (
    <p className="counts" role="status" data-testid="needs-answer-counts">
      <strong>
        {counts.total} {counts.total === 1 ? 'needs' : 'need'} an answer
      </strong>
      {parts.length > 0 && `: ${parts.join(' · ')}`}
    </p>
  );
}
