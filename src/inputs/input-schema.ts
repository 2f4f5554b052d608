import { validationMetadatasToSchemas } from 'class-validator-jsonschema';
import { defaultMetadataStorage } from 'class-transformer/cjs/storage.js';
import { getMetadataStorage } from 'class-validator';

/** A JSON schema object (draft-07 flavoured, as class-validator-jsonschema emits). */
export type JsonSchema = Record<string, unknown>;

const cache = new WeakMap<Function, JsonSchema>();

/**
 * The schema of one input class with the nested classes it references under `definitions`, so a
 * client gets one self-contained document. Memoised per class: metadata does not change after
 * the classes are loaded.
 */
export function inputJsonSchema(inputClass: Function): JsonSchema {
  const cached = cache.get(inputClass);
  if (cached) return cached;
  const all = validationMetadatasToSchemas({
    classTransformerMetadataStorage: defaultMetadataStorage,
    classValidatorMetadataStorage: getMetadataStorage(),
    refPointerPrefix: '#/definitions/',
  });
  const root = all[inputClass.name] ?? { type: 'object', properties: {} };
  const definitions: Record<string, unknown> = {};
  collectRefs(root, all, definitions);
  const schema: JsonSchema = {
    title: inputClass.name,
    ...root,
    additionalProperties: false,
    ...(Object.keys(definitions).length ? { definitions } : {}),
  };
  cache.set(inputClass, schema);
  return schema;
}

/** The schema clients see for a request with initial data: defaults set, those fields optional. */
export function schemaWithDefaults(schema: JsonSchema, initialData: Record<string, unknown>): JsonSchema {
  const keys = Object.keys(initialData);
  if (!keys.length) return schema;
  const properties = { ...(schema.properties as Record<string, JsonSchema> | undefined) };
  for (const key of keys) properties[key] = { ...properties[key], default: initialData[key] };
  const required = (schema.required as string[] | undefined)?.filter((name) => !keys.includes(name));
  const { required: _, ...rest } = schema;
  return { ...rest, properties, ...(required?.length ? { required } : {}) };
}

function collectRefs(node: unknown, all: Record<string, unknown>, out: Record<string, unknown>): void {
  if (Array.isArray(node)) return node.forEach((item) => collectRefs(item, all, out));
  if (!node || typeof node !== 'object') return;
  for (const [key, value] of Object.entries(node)) {
    if (key === '$ref' && typeof value === 'string') {
      const name = value.replace('#/definitions/', '');
      if (!(name in out) && all[name]) {
        out[name] = { ...(all[name] as object), additionalProperties: false };
        collectRefs(all[name], all, out);
      }
    } else {
      collectRefs(value, all, out);
    }
  }
}
