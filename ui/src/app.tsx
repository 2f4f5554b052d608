import { useState, type ReactNode } from 'react';
import { session } from './auth/session';
import { AllRuns } from './components/all-runs';
import { ConnectionStatus } from './components/connection-status';
import { NeedsAnswerRuns } from './components/needs-answer-runs';
import { RunDetail } from './components/run-detail';
import { RunsFilter } from './components/runs-filter';
import { SignInScreen } from './components/sign-in-screen';
import { StartRunDialog } from './components/start-run-dialog';
import { useFlows } from './hooks/use-flows';
import { useNarrowScreen } from './hooks/use-narrow-screen';
import { navigate, useRoute } from './hooks/use-route';
import type { RunsFilter as Filter } from './hooks/use-runs';
import { useScreenFocus } from './hooks/use-screen-focus';
import { useSession } from './hooks/use-session';

/** The inbox, or its sign-in screen while the server asks who is there. */
export function App() {
  const { needed, reason, key } = useSession();
  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      {needed ? (
        <>
          <Header />
          <SignInScreen reason={reason} />
        </>
      ) : (
        <Inbox signedInWithKey={Boolean(key)} />
      )}
    </>
  );
}

function Header({ children }: { children?: ReactNode }) {
  return (
    <header className="app-header">
      <h1>
        <a href="./" onClick={(event) => (event.preventDefault(), navigate(''))}>
          nestflow inbox
        </a>
      </h1>
      {children}
    </header>
  );
}

/**
 * What needs an answer (or every run) on the left, the selected run on the right; on a phone
 * they are separate screens, a run opened from the list and Back returning to it.
 */
function Inbox({ signedInWithKey }: { signedInWithKey: boolean }) {
  const { runId } = useRoute();
  const narrow = useNarrowScreen();
  useScreenFocus(runId, narrow);
  const { flows, error: flowsError } = useFlows();
  const [filter, setFilter] = useState<Filter>({ state: 'NEEDS_ANSWER', flowName: '' });
  const [starting, setStarting] = useState(false);
  const start = () => setStarting(true);
  const showAll = () => setFilter({ state: '', flowName: '' });

  return (
    <>
      <Header>
        <ConnectionStatus />
        <div className="header-actions">
          <button type="button" className="primary" onClick={start} disabled={!flows.length}>
            Start run
          </button>
          {signedInWithKey && (
            <button type="button" onClick={() => session.signOut()}>
              Sign out
            </button>
          )}
        </div>
      </Header>
      {flowsError && <p role="alert">Could not load flows: {flowsError}</p>}
      <div className={`layout ${runId ? 'showing-run' : 'showing-list'}`}>
        <nav className="runs-panel" aria-labelledby="runs-heading">
          <h2 id="runs-heading">{filter.state === 'NEEDS_ANSWER' ? 'Needs answer' : 'Runs'}</h2>
          <RunsFilter filter={filter} flows={flows} onChange={setFilter} />
          {filter.state === 'NEEDS_ANSWER' ? (
            <NeedsAnswerRuns flowName={filter.flowName} selectedId={runId} onStart={start} onShowAll={showAll} />
          ) : (
            <AllRuns filter={{ ...filter, state: filter.state }} selectedId={runId} onStart={start} onShowAll={showAll} />
          )}
        </nav>
        <main id="main" className="detail-panel" tabIndex={-1}>
          {runId ? (
            <RunDetail key={runId} id={runId} />
          ) : (
            <p className="muted">Choose a run that needs your answer, or start one.</p>
          )}
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
