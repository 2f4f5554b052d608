import { useEffect, useState, type FormEvent } from 'react';
import { request } from '../graphql/client';
import { errorMessage } from '../graphql/graphql-request.error';
import { CREATE_FLOW_RUN } from '../graphql/operations';
import type { FlowDefinition, FlowRunSummary, JsonValue } from '../graphql/types';
import { useLastParameters } from '../hooks/use-last-parameters';

interface Props {
  flow: FlowDefinition | undefined;
  open: boolean;
  /** Counts the dialog's openings: each clears the last attempt's message. */
  opened: number;
  onClose(): void;
  onStarted(run: FlowRunSummary): void;
}

/**
 * The parameters of a flow without a parameters class: a JSON document, checked here before it
 * is sent. Each flow starts with an empty box (the dialog remounts this per flow) and, as an
 * example, the parameters its latest run started with.
 */
export function JsonParametersForm({ flow, open, opened, onClose, onStarted }: Props) {
  const [parameters, setParameters] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const last = useLastParameters(open ? flow?.name : undefined);
  const example = last.found && last.parameters !== null ? JSON.stringify(last.parameters) : null;

  useEffect(() => setError(null), [opened]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!flow) return;
    let parsed: JsonValue = null;
    try {
      parsed = parameters.trim() ? (JSON.parse(parameters) as JsonValue) : null;
    } catch (failure) {
      setError(`Parameters are not valid JSON: ${errorMessage(failure)}`);
      return;
    }
    setBusy(true);
    try {
      const data = await request<{ createFlowRun: FlowRunSummary }>(CREATE_FLOW_RUN, { flowName: flow.name, parameters: parsed });
      setParameters('');
      onStarted(data.createFlowRun);
    } catch (failure) {
      setError(`Could not start the run: ${errorMessage(failure)}`);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form onSubmit={(event) => void submit(event)} className="start-run">
      <label>
        Parameters for {flow?.name ?? 'the flow'} (JSON, optional)
        <textarea
          value={parameters}
          rows={5}
          placeholder={example ?? 'Leave empty to start without parameters'}
          aria-invalid={error?.startsWith('Parameters') || undefined}
          aria-describedby={error ? 'start-run-params-help start-run-error' : 'start-run-params-help'}
          onChange={(event) => setParameters(event.target.value)}
        />
      </label>
      <div id="start-run-params-help" className="params-help">
        {example ? (
          <>
            <p className="muted">
              Its latest run started with <code data-testid="last-parameters">{example}</code>
            </p>
            <button type="button" onClick={() => setParameters(JSON.stringify(last.parameters, null, 2))}>
              Use these
            </button>
          </>
        ) : (
          <p className="muted">
            {last.found ? 'Its latest run started without parameters.' : 'No earlier run of this flow to copy parameters from.'}
          </p>
        )}
      </div>
      {error && (
        <p id="start-run-error" role="alert" className="failure">
          {error}
        </p>
      )}
      <div className="actions">
        <button type="submit" className="primary" disabled={busy || !flow}>
          Start
        </button>
        <button type="button" onClick={onClose}>
          Close
        </button>
      </div>
    </form>
  );
}
