import { useState } from 'react';
import { FINAL_STATES, WAITING_STATES } from '../graphql/types';
import { useAnswerOutcomes } from '../hooks/use-answer-outcomes';
import { useOnReconnect } from '../hooks/use-on-reconnect';
import { useRun } from '../hooks/use-run';
import { AnswerOutcome } from './answer-outcome';
import { AnswersList } from './answers-list';
import { BackLink } from './back-link';
import { CancelRunButton } from './cancel-run-button';
import { InputRequestForm } from './input-request-form';
import { JsonView } from './json-view';
import { RetryRunButton } from './retry-run-button';
import { RunLogs } from './run-logs';
import { SendInputForm } from './send-input-form';
import { StateBadge } from './state-badge';
import { StateHistory } from './state-history';
import { TimeText } from './time-text';

interface Notice {
  text: string;
  ok: boolean;
}

/**
 * One run, live: what it waits for first (the form to answer or send input), what became of
 * answers given here, then result or error, the answers it took, logs and history. Cancelling
 * sits at the very end, behind a confirmation.
 */
export function RunDetail({ id }: { id: string }) {
  const { run, loading, error, logs } = useRun(id);
  const outcomes = useAnswerOutcomes(run);
  const [notice, setNotice] = useState<Notice | null>(null);
  useOnReconnect(() => setNotice((current) => (current?.ok ? current : null)));
  if (!run)
    return (
      <>
        <BackLink />
        <p className={error ? 'failure' : 'muted'} role={error ? 'alert' : undefined}>
          {error ?? (loading ? 'Loading run…' : '')}
        </p>
      </>
    );

  const inputRequest = WAITING_STATES.includes(run.state) ? run.inputRequest : null;
  const receiving = run.state === 'RUNNING' ? run.receiving : null;
  const finished = FINAL_STATES.includes(run.state);
  return (
    <article className="run-detail" aria-labelledby="run-heading">
      <BackLink />
      <header className="run-header">
        <h2 id="run-heading" tabIndex={-1}>
          {run.flowName}
        </h2>
        <span aria-live="polite" data-testid="run-state">
          <StateBadge state={run.state} waiting={Boolean(receiving)} />
        </span>
        {run.state === 'FAILED' && <RetryRunButton runId={run.id} onResult={(text, ok) => setNotice({ text, ok })} />}
      </header>
      {notice && (
        <p role={notice.ok ? 'status' : 'alert'} className={notice.ok ? 'notice' : 'failure'}>
          {notice.text}
        </p>
      )}
      {outcomes.outcomes.map((outcome) => (
        <AnswerOutcome key={outcome.id} outcome={outcome} run={run} />
      ))}
      {inputRequest && (
        <InputRequestForm key={`${run.id}:${inputRequest.key}`} run={run} inputRequest={inputRequest} outcomes={outcomes} />
      )}
      {receiving && (
        <SendInputForm
          key={`${run.id}:${receiving.key ?? ''}:${receiving.expiresAt ?? ''}`}
          run={run}
          receiving={receiving}
          outcomes={outcomes}
        />
      )}
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
        {run.stateMessage && !inputRequest && !receiving && (
          <>
            <dt>Message</dt>
            <dd>{run.stateMessage}</dd>
          </>
        )}
      </dl>
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
      {run.inputs && (
        <section aria-labelledby="answers-heading">
          <h3 id="answers-heading">Answers</h3>
          <AnswersList inputs={run.inputs} />
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
      {!finished && (
        <section aria-labelledby="stop-heading" className="stop-run">
          <h3 id="stop-heading">Stop this run</h3>
          <CancelRunButton runId={run.id} onCancelling={outcomes.closing} onResult={(text, ok) => setNotice({ text, ok })} />
        </section>
      )}
    </article>
  );
}
