import type { FlowRunSummary } from '../graphql/types';
import { hrefFor, openRun } from '../hooks/use-route';
import { waitExpiry, waitTitle } from '../runs/waiting';
import { ExpiryText } from './expiry-countdown';
import { StateBadge } from './state-badge';
import { TimeText } from './time-text';

interface Props {
  runs: FlowRunSummary[];
  selectedId: string | null;
  /** Rows say what each run asks for and when it expires (the needs-answer view). */
  asking?: boolean;
}

/** The runs, each a link to its detail. */
export function RunsList({ runs, selectedId, asking = false }: Props) {
  return (
    <ul className="runs" aria-label={asking ? 'Runs that need an answer' : 'Runs'}>
      {runs.map((run) => {
        const expiresAt = asking ? waitExpiry(run) : null;
        return (
          <li key={run.id}>
            <a
              href={hrefFor(`/runs/${run.id}`)}
              aria-current={run.id === selectedId ? 'page' : undefined}
              data-run-id={run.id}
              onClick={(event) => {
                if (event.metaKey || event.ctrlKey || event.shiftKey) return; // new tab: let the browser
                event.preventDefault();
                openRun(run.id);
              }}
            >
              <span className="run-flow">{asking ? waitTitle(run) : run.flowName}</span>
              <StateBadge state={run.state} waiting={Boolean(run.receiving)} />
              <span className="run-meta">
                {asking && <>{run.flowName} · </>}
                <code>{run.id.slice(0, 8)}</code> ·{' '}
                {expiresAt ? <ExpiryText expiresAt={expiresAt} /> : <TimeText value={run.createdAt} />}
              </span>
            </a>
          </li>
        );
      })}
    </ul>
  );
}
