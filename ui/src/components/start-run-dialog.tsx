import { useEffect, useRef, useState } from 'react';
import type { FlowDefinition, FlowRunSummary } from '../graphql/types';
import { GeneratedParametersForm } from './generated-parameters-form';
import { JsonParametersForm } from './json-parameters-form';

interface Props {
  open: boolean;
  flows: FlowDefinition[];
  onClose(): void;
  onStarted(run: FlowRunSummary): void;
}

/**
 * Starts a run of a chosen flow. A flow with a parameters class (`parametersSchema`) gets a form
 * generated from its schema, checked in the browser and then by the server (its violations shown
 * at their fields); any other flow takes its parameters as a JSON document. A native modal
 * `<dialog>`: focus stays inside, Escape closes it.
 */
export function StartRunDialog({ open, flows, onClose, onStarted }: Props) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [flowName, setFlowName] = useState('');
  // Opening again starts from a clean slate: no message from the last attempt.
  const [opened, setOpened] = useState(0);
  const flow = flows.find((item) => item.name === (flowName || flows[0]?.name));

  useEffect(() => {
    if (open && !dialog.current?.open) dialog.current?.showModal();
    if (!open && dialog.current?.open) dialog.current.close();
    if (open) setOpened((count) => count + 1);
  }, [open]);

  return (
    <dialog ref={dialog} aria-labelledby="start-run-heading" onClose={onClose}>
      <div className="start-run">
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
        {flow?.parametersSchema ? (
          <GeneratedParametersForm
            key={`${flow.name}-${opened}`}
            flow={flow}
            schema={flow.parametersSchema}
            open={open}
            onClose={onClose}
            onStarted={onStarted}
          />
        ) : (
          <JsonParametersForm key={flow?.name} flow={flow} open={open} opened={opened} onClose={onClose} onStarted={onStarted} />
        )}
      </div>
    </dialog>
  );
}
