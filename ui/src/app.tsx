import { useState } from 'react';
import { ConnectionStatus } from './components/connection-status';
import { RunDetail } from './components/run-detail';
import { RunsFilter } from './components/runs-filter';
import { RunsList } from './components/runs-list';
import { StartRunDialog } from './components/start-run-dialog';
import { useFlows } from './hooks/use-flows';
import { navigate, useRoute } from './hooks/use-route';
import { useRuns, type RunsFilter as Filter } from './hooks/use-runs';

/** The inbox: runs on the left, the selected run on the right, a dialog to start one. */
export function App() {
  const { runId } = useRoute();
  const { flows, error: flowsError } = useFlows();
  const [filter, setFilter] = useState<Filter>({ state: '', flowName: '' });
  const { runs, loading, error } = useRuns(filter);
  const [starting, setStarting] = useState(false);

  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="app-header">
        <h1>
          <a href="./" onClick={(event) => (event.preventDefault(), navigate(''))}>
            nestflow inbox
          </a>
        </h1>
        <ConnectionStatus />
        <button type="button" className="primary" onClick={() => setStarting(true)} disabled={!flows.length}>
          Start run
        </button>
      </header>
      {flowsError && <p role="alert">Could not load flows: {flowsError}</p>}
      <div className="layout">
        <nav className="runs-panel" aria-label="Runs">
          <h2>Runs</h2>
          <RunsFilter filter={filter} flows={flows} onChange={setFilter} />
          <RunsList runs={runs} selectedId={runId} loading={loading} error={error} />
        </nav>
        <main id="main" className="detail-panel" tabIndex={-1}>
          {runId ? <RunDetail key={runId} id={runId} /> : <p className="muted">Select a run, or start one.</p>}
        </main>
      </div>
      <StartRunDialog
        open={starting}
        flows={flows}
        onClose={() => setStarting(false)}
        onStarted={(run) => {
          setStarting(false);
          navigate(`/runs/${run.id}`);
        }}
      />
    </>
  );
}
