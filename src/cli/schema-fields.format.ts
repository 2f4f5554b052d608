import type { JsonObject } from './graphql.views.js';

/** Nested classes deeper than this are named, not expanded (and self-references end). */
const MAX_DEPTH = 3;

/**
 * The fields of an input's JSON schema, one line each, by title and name, nested fields indented:
 * `Size (size)   string, required, one of: small, medium, large, xlarge`.
 */
export function schemaFields(schema: JsonObject): string[] {
  const definitions = (schema.definitions ?? {}) as Record<string, JsonObject>;
  return fields(schema, definitions, 0);
}

function fields(schema: JsonObject, definitions: Record<string, JsonObject>, depth: number): string[] {
  const properties = (schema.properties ?? {}) as Record<string, JsonObject>;
  const required = new Set((schema.required ?? []) as string[]);
  const names = Object.keys(properties);
  const labels = names.map((name) => label(name, properties[name]));
  const width = Math.max(0, ...labels.map((text) => text.length));
  return names.flatMap((name, index) => {
    const property = properties[name];
    const target = resolve(property, definitions);
    const line = `${labels[index].padEnd(width)}  ${describe(property, definitions, required.has(name))}`;
    const nested = target?.properties && depth < MAX_DEPTH ? fields(target, definitions, depth + 1).map((l) => `  ${l}`) : [];
    return [line, ...nested];
  });
}

/** The field's title with the name to send it under: `Colour (color)`; the bare name without a title. */
function label(name: string, property: JsonObject): string {
  return typeof property.title === 'string' && property.title !== name ? `${property.title} (${name})` : name;
}

function describe(property: JsonObject, definitions: Record<string, JsonObject>, required: boolean): string {
  const parts = [typeName(property, definitions), required ? 'required' : 'optional'];
  if (Array.isArray(property.enum)) parts.push(`one of: ${property.enum.map(String).join(', ')}`);
  if (property.format) parts.push(`format ${String(property.format)}`);
  for (const [key, label] of LIMITS) if (property[key] !== undefined) parts.push(`${label} ${String(property[key])}`);
  if (property.pattern) parts.push(`matches /${String(property.pattern)}/`);
  if (property.default !== undefined) parts.push(`default ${JSON.stringify(property.default)}`);
  return parts.join(', ');
}

const LIMITS: Array<[string, string]> = [
  ['minLength', 'min length'],
  ['maxLength', 'max length'],
  ['minimum', 'min'],
  ['maximum', 'max'],
  ['minItems', 'min items'],
  ['maxItems', 'max items'],
];

function typeName(property: JsonObject, definitions: Record<string, JsonObject>): string {
  if (typeof property.$ref === 'string') return refName(property.$ref);
  if (property.type === 'array' && property.items && typeof property.items === 'object') {
    return `array of ${typeName(property.items as JsonObject, definitions)}`;
  }
  if (Array.isArray(property.type)) return property.type.join(' | ');
  if (typeof property.type === 'string') return property.type;
  if (Array.isArray(property.anyOf ?? property.oneOf)) {
    return ((property.anyOf ?? property.oneOf) as JsonObject[]).map((option) => typeName(option, definitions)).join(' | ');
  }
  return 'any';
}

/** The object schema a property points to: its own `properties`, or a `$ref` into `definitions`. */
function resolve(property: JsonObject, definitions: Record<string, JsonObject>): JsonObject | undefined {
  if (typeof property.$ref === 'string') return definitions[refName(property.$ref)];
  if (property.properties) return property;
  if (property.items && typeof property.items === 'object') return resolve(property.items as JsonObject, definitions);
  return undefined;
}

function refName(ref: string): string {
  return ref.replace(/^#\/definitions\//, '');
}
