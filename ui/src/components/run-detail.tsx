import { useState } from 'react';
import { FINAL_STATES, WAITING_STATES } from '../graphql/types';
import { useRun } from '../hooks/use-run';
import { CancelRunButton } from './cancel-run-button';
import { RetryRunButton } from './retry-run-button';
import { InputRequestForm } from './input-request-form';
import { JsonView } from './json-view';
import { RunLogs } from './run-logs';
import { StateBadge } from './state-badge';
import { StateHistory } from './state-history';
import { TimeText } from './time-text';

/** One run, live: its state, the form it waits for, result or error, logs and history. */
export function RunDetail({ id }: { id: string }) {
  const { run, loading, error, logs } = useRun(id);
  const [notice, setNotice] = useState<string | null>(null);
  if (!run)
    return (
      <p className={error ? 'failure' : 'muted'} role={error ? 'alert' : undefined}>
        {error ?? (loading ? 'Loading run…' : '')}
      </p>
    );

  const waiting = WAITING_STATES.includes(run.state) && run.inputRequest;
  const finished = FINAL_STATES.includes(run.state);
  return (
    <article className="run-detail" aria-labelledby="run-heading">
      <header className="run-header">
        <h2 id="run-heading">{run.flowName}</h2>
        <span aria-live="polite" data-testid="run-state">
          <StateBadge state={run.state} />
        </span>
        {!finished && !waiting && <CancelRunButton runId={run.id} onResult={setNotice} />}
        {run.state === 'FAILED' && <RetryRunButton runId={run.id} onResult={setNotice} />}
      </header>
      {notice && <p role="status">{notice}</p>}
      <dl className="facts">
        <dt>Run</dt>
        <dd>
          <code>{run.id}</code>
        </dd>
        <dt>Flow version</dt>
        <dd>{run.flowVersion}</dd>
        <dt>Created</dt>
        <dd>
          <TimeText value={run.createdAt} />
        </dd>
        <dt>Updated</dt>
        <dd>
          <TimeText value={run.updatedAt} />
        </dd>
        {run.stateMessage && (
          <>
            <dt>Message</dt>
            <dd>{run.stateMessage}</dd>
          </>
        )}
      </dl>
      {waiting && run.inputRequest && (
        <InputRequestForm key={`${run.id}:${run.inputRequest.key}`} run={run} inputRequest={run.inputRequest} />
      )}
      {run.state === 'COMPLETED' && (
        <section aria-labelledby="result-heading">
          <h3 id="result-heading">Result</h3>
          <JsonView value={run.result} />
        </section>
      )}
      {run.state === 'FAILED' && run.error && (
        <section aria-labelledby="error-heading" className="run-error">
          <h3 id="error-heading">Error</h3>
          <p role="alert">
            <strong>{run.error.name ?? 'Error'}</strong>: {run.error.message}
          </p>
          {run.error.stack && <pre className="json">{run.error.stack}</pre>}
        </section>
      )}
      <section aria-labelledby="parameters-heading">
        <h3 id="parameters-heading">Parameters</h3>
        <JsonView value={run.parameters} />
      </section>
      <section aria-labelledby="logs-heading">
        <h3 id="logs-heading">Logs</h3>
        <RunLogs logs={logs} />
      </section>
      <section aria-labelledby="history-heading">
        <h3 id="history-heading">State history</h3>
        <StateHistory states={run.states} />
      </section>
    </article>
  );
}
