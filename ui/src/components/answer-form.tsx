import Form from '@rjsf/core';
import type { ErrorSchema, RJSFSchema } from '@rjsf/utils';
import validator from '@rjsf/validator-ajv8';
import { useMemo, useState, type ReactNode } from 'react';
import type { JsonObject } from '../graphql/types';
import { choiceOptions, formSchema, INPUT_TYPE_FIELD } from '../forms/choice';
import { friendlierErrors, uiSchemaFor } from '../forms/form-hints';
import { ChoiceControl } from './choice-control';

/** An answer: the chosen class (for a choice) and the fields. */
export interface Answer {
  inputType: string | null;
  data: JsonObject | null;
}

interface Props {
  /** Prefix of the form's element ids (unique on the page). */
  idPrefix: string;
  schema: JsonObject | null;
  initialData?: JsonObject | null;
  /** The heading the choice is labelled by ("Decision"). */
  labelledBy: string;
  submitLabel: string;
  busy: boolean;
  /** The server's violations, by field (`inputType`: the choice itself). */
  serverErrors?: ErrorSchema;
  /** Any field changed: the caller's stale messages go. */
  onEdited(): void;
  onSubmit(answer: Answer): void;
}

/**
 * The form for an input schema, checked in the browser first (rjsf + ajv). A choice (`oneOf`
 * branches told apart by `inputType`) is a labelled radio group of its options' titles, then the
 * chosen option's own fields only; `inputType` is never a field. No schema: a go-ahead button.
 */
export function AnswerForm(props: Props) {
  const { idPrefix, schema, labelledBy, submitLabel, busy, serverErrors, onEdited, onSubmit } = props;
  const options = useMemo(() => (schema ? choiceOptions(schema as RJSFSchema) : null), [schema]);
  const [chosen, setChosen] = useState<string | null>(null);
  const [choiceError, setChoiceError] = useState<string | null>(null);
  const buttons = (
    <div className="actions">
      <button type="submit" className="primary" disabled={busy}>
        {submitLabel}
      </button>
    </div>
  );

  if (!schema) {
    return <form onSubmit={(event) => (event.preventDefault(), onSubmit({ inputType: null, data: null }))}>{buttons}</form>;
  }
  if (!options) {
    return (
      <FieldsForm
        idPrefix={idPrefix}
        schema={schema as RJSFSchema}
        initialData={props.initialData ?? {}}
        busy={busy}
        serverErrors={serverErrors}
        onEdited={onEdited}
        onSubmit={(data) => onSubmit({ inputType: null, data })}
      >
        {buttons}
      </FieldsForm>
    );
  }

  const option = options.find((item) => item.inputType === chosen);
  const { [INPUT_TYPE_FIELD]: choiceServerError, ...fieldErrors } = (serverErrors ?? {}) as ErrorSchema & {
    [INPUT_TYPE_FIELD]?: { __errors?: string[] };
  };
  const shownChoiceError = choiceError ?? choiceServerError?.__errors?.join(' ') ?? null;
  return (
    <>
      <ChoiceControl
        name={`${idPrefix}-choice`}
        options={options}
        value={chosen}
        labelledBy={labelledBy}
        error={shownChoiceError}
        disabled={busy}
        onChange={(inputType) => {
          setChosen(inputType);
          setChoiceError(null);
          onEdited();
        }}
      />
      {option ? (
        <FieldsForm
          key={option.inputType}
          idPrefix={`${idPrefix}-${option.inputType}`}
          schema={option.schema}
          initialData={{}}
          busy={busy}
          serverErrors={fieldErrors as ErrorSchema}
          onEdited={onEdited}
          onSubmit={(data) => onSubmit({ inputType: option.inputType, data })}
        >
          {buttons}
        </FieldsForm>
      ) : (
        <form
          onSubmit={(event) => {
            event.preventDefault();
            setChoiceError(`Choose ${options.map((item) => item.title).join(' or ')}.`);
            document.querySelector<HTMLInputElement>(`input[name="${idPrefix}-choice"]`)?.focus();
          }}
        >
          {buttons}
        </form>
      )}
    </>
  );
}

interface FieldsProps {
  idPrefix: string;
  schema: RJSFSchema;
  initialData: JsonObject;
  busy: boolean;
  serverErrors?: ErrorSchema;
  onEdited(): void;
  onSubmit(data: JsonObject): void;
  children: ReactNode;
}

/** One class's fields. Once submitted, fields are checked as they change, so a fixed field's error goes. */
function FieldsForm({ idPrefix, schema, initialData, busy, serverErrors, onEdited, onSubmit, children }: FieldsProps) {
  const [formData, setFormData] = useState<JsonObject>(initialData);
  const [submitted, setSubmitted] = useState(false);
  const shown = useMemo(() => formSchema(schema), [schema]);
  const uiSchema = useMemo(() => uiSchemaFor(shown), [shown]);
  return (
    <Form
      schema={shown}
      uiSchema={uiSchema}
      formData={formData}
      validator={validator}
      transformErrors={friendlierErrors}
      idPrefix={idPrefix}
      extraErrors={serverErrors && Object.keys(serverErrors).length ? serverErrors : undefined}
      liveValidate={submitted ? 'onChange' : undefined}
      noHtml5Validate
      showErrorList={false}
      focusOnFirstError
      disabled={busy}
      onChange={(event) => {
        setFormData(event.formData as JsonObject);
        onEdited();
      }}
      onError={() => setSubmitted(true)}
      onSubmit={(event) => {
        setSubmitted(true);
        onSubmit(event.formData as JsonObject);
      }}
    >
      {children}
    </Form>
  );
}
