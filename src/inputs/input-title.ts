import type { JsonSchema } from '../domain/input-request.js';
import { readableClassName } from './readable-name.js';
import type { InputClass } from './run-input.js';

/** The title of a wait that takes no input (a pause without `waitForInput`): a go-ahead. */
export const NO_INPUT_TITLE = 'Go-ahead';

/** What a wait asks for, as stored: enough to title it even when stored without a title. */
export interface TitledRequest {
  title?: string | null;
  inputType?: string | null;
  inputTypes?: string[];
  schema: JsonSchema | null;
}

/** The title of waiting for one of `classes`: a class's title, the titles joined with ' or ', or 'Go-ahead'. */
export function titleOfClasses(classes: readonly InputClass[]): string {
  if (!classes.length) return NO_INPUT_TITLE;
  return classes.map((inputClass) => String(inputClass.jsonSchema().title)).join(' or ');
}

/**
 * The title a client shows for a request: its own (`pauseFlowRun({ title })`), else the one
 * its schema gives the class (the branches' for a choice), else 'Go-ahead'. Requests stored
 * before titles existed carry the bare class name as schema title: it is made readable.
 */
export function requestTitle(request: TitledRequest): string {
  if (request.title) return request.title;
  const schema = request.schema;
  const branches = Array.isArray(schema?.oneOf) ? (schema.oneOf as JsonSchema[]) : schema ? [schema] : [];
  const titles = branches.map((branch) => schemaTitle(branch)).filter((title): title is string => !!title);
  if (titles.length) return titles.join(' or ');
  const names = request.inputTypes ?? (request.inputType ? [request.inputType] : []);
  return names.length ? names.map(readableClassName).join(' or ') : NO_INPUT_TITLE;
}

function schemaTitle(schema: JsonSchema): string | null {
  const title = typeof schema.title === 'string' ? schema.title : null;
  // A class name as title (stored before titles): no space, starts with a capital.
  return title && /^[A-Z][A-Za-z0-9]*$/.test(title) && /[a-z][A-Z]/.test(title) ? readableClassName(title) : title;
}
