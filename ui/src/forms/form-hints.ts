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

/** ajv's "must have required property 'size'" sits under the size field already: say "Required". */
export function friendlierErrors(errors: RJSFValidationError[]): RJSFValidationError[] {
  return errors.map((error) => (error.name === 'required' ? { ...error, message: 'Required' } : error));
}
