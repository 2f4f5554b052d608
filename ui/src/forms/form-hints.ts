import type { RJSFSchema, RJSFValidationError, UiSchema } from '@rjsf/utils';

/**
 * Form hints a JSON schema cannot carry: selects without a value yet prompt "Choose…" instead
 * of showing a blank option. Follows `$ref`s into `definitions` (once per path, so a class that
 * references itself terminates).
 */
export function uiSchemaFor(schema: RJSFSchema, root: RJSFSchema = schema, refs: string[] = []): UiSchema {
  const ref = typeof schema.$ref === 'string' ? schema.$ref.replace('#/definitions/', '') : null;
  if (ref && refs.includes(ref)) return {};
  const target = ref ? { ...(root.definitions?.[ref] as RJSFSchema | undefined), ...schema } : schema;
  const path = ref ? [...refs, ref] : refs;
  const ui: UiSchema = {};
  if (target.enum && target.default === undefined) ui['ui:placeholder'] = 'Choose…';
  for (const [name, child] of Object.entries(target.properties ?? {})) {
    if (typeof child === 'object') ui[name] = uiSchemaFor(child, root, path);
  }
  if (target.items && typeof target.items === 'object' && !Array.isArray(target.items)) {
    ui.items = uiSchemaFor(target.items, root, path);
  }
  return ui;
}

type Params = Record<string, unknown>;

/** ajv's messages for people: "Required" under the field rather than "must have required property 'size'". */
const MESSAGES: Record<string, (params: Params) => string> = {
  required: () => 'Required',
  minLength: ({ limit }) => (limit === 1 ? 'Required' : `At least ${String(limit)} characters`),
  maxLength: ({ limit }) => `At most ${String(limit)} characters`,
  minimum: ({ limit }) => `At least ${String(limit)}`,
  maximum: ({ limit }) => `At most ${String(limit)}`,
  minItems: ({ limit }) => `At least ${String(limit)}`,
  maxItems: ({ limit }) => `At most ${String(limit)}`,
  enum: () => 'Choose one of the options',
  pattern: () => 'Not in the expected format',
  format: ({ format }) => `Enter a valid ${String(format)}`,
  type: ({ type }) => (type === 'integer' ? 'Enter a whole number' : type === 'number' ? 'Enter a number' : 'Required'),
};

export function friendlierErrors(errors: RJSFValidationError[]): RJSFValidationError[] {
  return errors.map((error) => {
    const message = error.name && MESSAGES[error.name]?.((error.params ?? {}) as Params);
    return message ? { ...error, message } : error;
  });
}
