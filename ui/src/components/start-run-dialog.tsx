import { useEffect, useRef, useState, type FormEvent } from 'react';
import { request } from '../graphql/client';
import { errorMessage } from '../graphql/graphql-request.error';
import { CREATE_FLOW_RUN } from '../graphql/operations';
import type { FlowDefinition, FlowRunSummary, JsonValue } from '../graphql/types';

interface Props {
  open: boolean;
  flows: FlowDefinition[];
  onClose(): void;
  onStarted(run: FlowRunSummary): void;
}

/**
 * Starts a run of a chosen flow. Flows declare no parameter schema in the API, so parameters
 * are a JSON document, checked here before it is sent. A native modal `<dialog>`: focus stays
 * inside, Escape closes it.
 */
export function StartRunDialog({ open, flows, onClose, onStarted }: Props) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [flowName, setFlowName] = useState('');
  const [parameters, setParameters] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const flow = flows.find((item) => item.name === (flowName || flows[0]?.name));

  useEffect(() => {
    if (open && !dialog.current?.open) dialog.current?.showModal();
    if (!open && dialog.current?.open) dialog.current.close();
    if (open) setError(null);
  }, [open]);

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
      onStarted(data.createFlowRun);
    } catch (failure) {
      setError(`Could not start the run: ${errorMessage(failure)}`);
    } finally {
      setBusy(false);
    }
  };

  return (
    <dialog ref={dialog} aria-labelledby="start-run-heading" onClose={onClose}>
      <form onSubmit={(event) => void submit(event)} className="start-run">
        <h2 id="start-run-heading">Start a run</h2>
        <label>
          Flow
          <select value={flow?.name ?? ''} onChange={(event) => setFlowName(event.target.value)} autoFocus>
            {flows.map((item) => (
              <option key={item.name} value={item.name}>
                {item.name}
              </option>
            ))}
          </select>
        </label>
        {flow?.description && <p className="description">{flow.description}</p>}
        <label>
          Parameters (JSON, optional)
          <textarea
            value={parameters}
            rows={5}
            placeholder='{ "customerId": 42 }'
            aria-invalid={error?.startsWith('Parameters') || undefined}
            aria-describedby={error ? 'start-run-error' : undefined}
            onChange={(event) => setParameters(event.target.value)}
          />
        </label>
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
    </dialog>
  );
}
