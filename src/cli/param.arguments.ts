import { CliError } from './cli.error.js';
import type { JsonObject } from './graphql.views.js';

/** Names that would reach an object's prototype: never a field. */
const UNSAFE = new Set(['__proto__', 'constructor', 'prototype']);

/** Commander's collector for a repeatable `--param name=value`. */
export function collectParam(pair: string, previous: string[] = []): string[] {
  return [...previous, pair];
}

/**
 * `--param name=value` pairs as one parameters object, on top of `base` (`--params`). Each value
 * is typed by its field in `schema` (the flow's `parametersSchema`): numbers, `true`/`false`,
 * JSON for arrays and objects, the text itself for strings. A dotted name sets a nested field
 * (`address.zip=12345`). A value that does not parse as its type, or a field the schema lacks,
 * is sent as text: the server's validation names the field. Without a schema every value is text.
 */
export function paramsFromPairs(pairs: string[], schema: JsonObject | null, base: unknown): JsonObject {
  if (base !== undefined && base !== null && (typeof base !== 'object' || Array.isArray(base))) {
    throw CliError.usage('--param adds fields to an object: give --params as a JSON object, or leave it out.');
  }
  const params = structuredClone((base ?? {}) as JsonObject);
  const definitions = (schema?.definitions ?? {}) as Record<string, JsonObject>;
  for (const pair of pairs) {
    const at = pair.indexOf('=');
    const path = at > 0 ? pair.slice(0, at).split('.') : [];
    if (!path.length || path.some((segment) => !segment || UNSAFE.has(segment))) {
      throw CliError.usage(`--param ${pair}: expected name=value (a dotted name for a nested field: address.zip=12345).`);
    }
    const name = path.pop()!;
    let field = schema ?? undefined;
    let target = params;
    for (const parent of path) {
      field = fieldOf(field, parent, definitions);
      const next = target[parent];
      target = target[parent] = (next && typeof next === 'object' && !Array.isArray(next) ? next : {}) as JsonObject;
    }
    target[name] = typed(pair.slice(at + 1), resolve(fieldOf(field, name, definitions), definitions));
  }
  return params;
}

/** The schema of property `name` of the object `schema` describes. */
function fieldOf(schema: JsonObject | undefined, name: string, definitions: Record<string, JsonObject>): JsonObject | undefined {
  const properties = resolve(schema, definitions)?.properties as Record<string, JsonObject> | undefined;
  return properties?.[name];
}

/** The field's own schema: a `$ref` followed into `definitions`. */
function resolve(field: JsonObject | undefined, definitions: Record<string, JsonObject>): JsonObject | undefined {
  if (!field || typeof field.$ref !== 'string') return field;
  return definitions[field.$ref.replace(/^#\/definitions\//, '')];
}

function typed(text: string, field: JsonObject | undefined): unknown {
  const types = field ? (Array.isArray(field.type) ? field.type : [field.type]) : [];
  const parsed = parseJson(text);
  if (types.includes('integer') || types.includes('number')) return typeof parsed === 'number' ? parsed : text;
  if (types.includes('boolean')) return typeof parsed === 'boolean' ? parsed : text;
  if (types.includes('array') || types.includes('object') || field?.properties) return typeof parsed === 'object' ? parsed : text;
  if (Array.isArray(field?.enum) && !field.enum.includes(text) && field.enum.includes(parsed)) return parsed;
  return text;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
