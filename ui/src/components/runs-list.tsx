import type { FlowRunSummary } from '../graphql/types';
import { hrefFor, navigate } from '../hooks/use-route';
import { StateBadge } from './state-badge';
import { TimeText } from './time-text';

interface Props {
  runs: FlowRunSummary[];
  selectedId: string | null;
  loading: boolean;
  error: string | null;
}

/** The runs, newest first, each a link to its detail. */
export function RunsList({ runs, selectedId, loading, error }: Props) {
  if (error) return <p role="alert">Could not load runs: {error}</p>;
  if (!runs.length) return <p className="muted">{loading ? 'Loading runs…' : 'No runs match.'}</p>;
  return (
    <ul className="runs" aria-label="Runs">
      {runs.map((run) => (
        <li key={run.id}>
          <a
            href={hrefFor(`/runs/${run.id}`)}
            aria-current={run.id === selectedId ? 'page' : undefined}
            data-run-id={run.id}
            onClick={(event) => {
              if (event.metaKey || event.ctrlKey || event.shiftKey) return; // new tab: let the browser
              event.preventDefault();
              navigate(`/runs/${run.id}`);
            }}
          >
            <span className="run-flow">{run.flowName}</span>
            <StateBadge state={run.state} />
            <span className="run-meta">
              <code>{run.id.slice(0, 8)}</code> · <TimeText value={run.createdAt} />
            </span>
          </a>
        </li>
      ))}
    </ul>
  );
}
