import type { RJSFSchema } from '@rjsf/utils';

/** The field a choice's answer names its class in; people never see it. */
export const INPUT_TYPE_FIELD = 'inputType';

/** One answer of a choice ("Approve", "Reject"): its class, title and the form for its own fields. */
export interface ChoiceOption {
  inputType: string;
  title: string;
  /** The class's schema without the `inputType` field. */
  schema: RJSFSchema;
}

/**
 * The options of a choice schema (`oneOf` branches each fixing `inputType` to a class name), or
 * null when `schema` is not one.
 */
export function choiceOptions(schema: RJSFSchema): ChoiceOption[] | null {
  if (!Array.isArray(schema.oneOf) || !schema.oneOf.length) return null;
  const options: ChoiceOption[] = [];
  for (const branch of schema.oneOf) {
    if (!branch || typeof branch !== 'object') return null;
    const field = branch.properties?.[INPUT_TYPE_FIELD];
    const inputType = field && typeof field === 'object' ? field.const : undefined;
    if (typeof inputType !== 'string') return null;
    const { title, properties: all, required: allRequired, ...rest } = branch;
    const { [INPUT_TYPE_FIELD]: _, ...properties } = all ?? {};
    const required = allRequired?.filter((name) => name !== INPUT_TYPE_FIELD);
    options.push({
      inputType,
      title: typeof title === 'string' && title ? title : inputType,
      schema: { ...rest, properties, ...(required?.length ? { required } : {}) },
    });
  }
  return options;
}

/**
 * The schema a form renders: without the root title, which the form's heading already shows
 * (rjsf would repeat it as a legend).
 */
export function formSchema(schema: RJSFSchema): RJSFSchema {
  const { title: _, ...rest } = schema;
  return rest;
}
