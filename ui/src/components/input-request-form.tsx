import Form from '@rjsf/core';
import type { ErrorSchema, RJSFSchema } from '@rjsf/utils';
import validator from '@rjsf/validator-ajv8';
import { useMemo, useState } from 'react';
import { request } from '../graphql/client';
import { GraphqlRequestError, errorMessage } from '../graphql/graphql-request.error';
import { RESUME_RUN } from '../graphql/operations';
import type { FlowRunDetail, InputRequest, JsonObject } from '../graphql/types';
import { friendlierErrors, uiSchemaFor } from '../forms/form-hints';
import { violationsToErrorSchema } from '../forms/violations-to-error-schema';
import { CancelRunButton } from './cancel-run-button';
import { ExpiryCountdown } from './expiry-countdown';

interface Status {
  text: string;
  ok: boolean;
}

interface Props {
  run: FlowRunDetail;
  inputRequest: InputRequest;
}

/**
 * The form a paused run asks for, generated from its input JSON schema (rjsf + ajv check it in
 * the browser first); the server's own violations show next to their fields.
 */
export function InputRequestForm({ run, inputRequest }: Props) {
  const [formData, setFormData] = useState<JsonObject>(inputRequest.initialData ?? {});
  const [extraErrors, setExtraErrors] = useState<ErrorSchema | undefined>();
  const [status, setStatus] = useState<Status | null>(null);
  const [busy, setBusy] = useState(false);
  const schema = inputRequest.schema as RJSFSchema | null;
  const uiSchema = useMemo(() => (schema ? uiSchemaFor(schema) : {}), [schema]);

  const resume = async (input: JsonObject | null) => {
    setBusy(true);
    setStatus(null);
    try {
      await request(RESUME_RUN, { id: run.id, input, key: inputRequest.key });
      setStatus({ text: 'Resumed.', ok: true });
    } catch (error) {
      setStatus({ text: describeFailure(error), ok: false });
      if (error instanceof GraphqlRequestError && error.violations.length) {
        setExtraErrors(violationsToErrorSchema(error.violations));
      }
    } finally {
      setBusy(false);
    }
  };

  const buttons = (
    <div className="actions">
      <button type="submit" className="primary" disabled={busy}>
        Resume
      </button>
      <CancelRunButton runId={run.id} onResult={(text, ok) => setStatus({ text, ok })} />
    </div>
  );

  return (
    <section className="input-request" aria-labelledby={`input-heading-${inputRequest.key}`}>
      <h3 id={`input-heading-${inputRequest.key}`}>
        {inputRequest.suspended ? 'Suspended' : 'Paused'}: waiting for {inputRequest.inputType ?? 'a go-ahead'}
      </h3>
      {inputRequest.description && <p className="description">{inputRequest.description}</p>}
      {inputRequest.expiresAt && <ExpiryCountdown expiresAt={inputRequest.expiresAt} />}
      {status && (
        <p role={status.ok ? 'status' : 'alert'} className={status.ok ? 'notice' : 'failure'}>
          {status.text}
        </p>
      )}
      {schema ? (
        <Form
          schema={schema}
          uiSchema={uiSchema}
          formData={formData}
          validator={validator}
          transformErrors={friendlierErrors}
          idPrefix={`input-${inputRequest.key}`}
          extraErrors={extraErrors}
          noHtml5Validate
          showErrorList={false}
          focusOnFirstError
          disabled={busy}
          onChange={(event) => {
            setFormData(event.formData as JsonObject);
            setExtraErrors(undefined); // the server judged other values
          }}
          onSubmit={(event) => void resume(event.formData as JsonObject)}
        >
          {buttons}
        </Form>
      ) : (
        <form onSubmit={(event) => (event.preventDefault(), void resume(null))}>{buttons}</form>
      )}
    </section>
  );
}

function describeFailure(error: unknown): string {
  if (error instanceof GraphqlRequestError) {
    if (error.code === 'CONFLICT') return 'Already resumed: this run is no longer waiting for this input.';
    if (error.code === 'BAD_USER_INPUT' && error.violations.length)
      return 'The server rejected the input: see the marked fields.';
  }
  return `Could not resume: ${errorMessage(error)}`;
}
