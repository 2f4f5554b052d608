import { useRuns, type StateFilter } from '../hooks/use-runs';
import { useStoreEmpty } from '../hooks/use-store-empty';
import { RunsEmpty } from './runs-empty';
import { RunsList } from './runs-list';

interface Props {
  filter: StateFilter;
  selectedId: string | null;
  onStart(): void;
  onShowAll(): void;
}

/** The newest runs of any state (or of one), live. */
export function AllRuns({ filter, selectedId, onStart, onShowAll }: Props) {
  const { runs, loading, error } = useRuns(filter);
  const filtered = Boolean(filter.state || filter.flowName);
  const storeEmpty = useStoreEmpty(filtered && !loading && !error && runs.length === 0);
  if (error) return <p role="alert">Could not load runs: {error}</p>;
  if (runs.length) return <RunsList runs={runs} selectedId={selectedId} />;
  if (loading) return <p className="muted">Loading runs…</p>;
  return (
    <RunsEmpty
      storeEmpty={filtered ? storeEmpty : true}
      needsAnswer={false}
      filtered={filtered}
      onStart={onStart}
      onShowAll={onShowAll}
    />
  );
}
