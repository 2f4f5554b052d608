import { useState } from 'react';
import { request } from '../graphql/client';
import { CREATE_FLOW_RUN } from '../graphql/operations';
import type { FlowDefinition, FlowRunSummary, JsonObject } from '../graphql/types';
import { useAnswerSender } from '../hooks/use-answer-sender';
import { useLastParameters } from '../hooks/use-last-parameters';
import { AnswerForm } from './answer-form';

interface Props {
  flow: FlowDefinition;
  schema: JsonObject;
  open: boolean;
  onClose(): void;
  onStarted(run: FlowRunSummary): void;
}

/**
 * The parameters of a flow with a parameters class: the form generated from its JSON schema,
 * the same as a paused run's answer form. The browser checks what the schema says; the server's
 * violations (cross-field rules, say) show at their fields, and no run is created then.
 */
export function GeneratedParametersForm({ flow, schema, open, onClose, onStarted }: Props) {
  const sender = useAnswerSender('start the run', 'Some parameters need fixing: see the marked fields.');
  const last = useLastParameters(open ? flow.name : undefined);
  const example = last.found && isObject(last.parameters) ? last.parameters : null;
  // "Use these" fills the form with them: a new form (its fields keep their own state).
  const [filled, setFilled] = useState<{ data: JsonObject; times: number }>({ data: {}, times: 0 });

  const start = (parameters: JsonObject | null) =>
    sender.send(async () => {
      const data = await request<{ createFlowRun: FlowRunSummary }>(CREATE_FLOW_RUN, {
        flowName: flow.name,
        parameters: parameters ?? {},
      });
      onStarted(data.createFlowRun);
    });

  return (
    <div className="start-run start-parameters">
      <div className="params-help">
        {example ? (
          <button type="button" onClick={() => setFilled(({ times }) => ({ data: example, times: times + 1 }))}>
            Use the parameters of its latest run
          </button>
        ) : (
          <p className="muted">{last.found ? 'Its latest run started without parameters.' : 'No earlier run of this flow.'}</p>
        )}
      </div>
      {sender.failure && (
        <p role="alert" className="failure">
          {sender.failure.text}
        </p>
      )}
      <AnswerForm
        key={filled.times}
        idPrefix={`start-${flow.name}`}
        schema={schema}
        initialData={filled.data}
        labelledBy="start-run-heading"
        submitLabel="Start"
        busy={sender.busy}
        serverErrors={sender.serverErrors}
        onEdited={sender.edited}
        onSubmit={({ data }) => void start(data)}
      />
      <div className="actions">
        <button type="button" onClick={onClose}>
          Close
        </button>
      </div>
    </div>
  );
}

function isObject(value: unknown): value is JsonObject {
  return Boolean(value) && typeof value === 'object' && !Array.isArray(value);
}
