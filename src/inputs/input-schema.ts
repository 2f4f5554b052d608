import { validationMetadatasToSchemas } from 'class-validator-jsonschema';
import { defaultMetadataStorage } from 'class-transformer/cjs/storage.js';
import { getMetadataStorage } from 'class-validator';
import type { JsonSchema } from '../domain/input-request.js';
import { describedClass, describedFields } from './describe.decorator.js';
import { readableClassName, readableName } from './readable-name.js';

export type { JsonSchema };

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
  const definitions: Record<string, unknown> = {};
  const root = resolveRefs(all[inputClass.name] ?? { type: 'object', properties: {} }, all, definitions) as JsonSchema;
  const classes = classesByName();
  for (const [name, definition] of Object.entries(definitions)) {
    definitions[name] = titled(definition as JsonSchema, classes.get(name), name);
  }
  const schema: JsonSchema = {
    ...titled(root, inputClass, inputClass.name),
    additionalProperties: false,
    ...(Object.keys(definitions).length ? { definitions } : {}),
  };
  cache.set(inputClass, schema);
  return schema;
}

/**
 * A class's schema with the titles people read: the class's and each property's, from
 * `@Describe` or else the readable name ('colorName' -> 'Color name'), with their descriptions.
 */
function titled(schema: JsonSchema, inputClass: Function | undefined, name: string): JsonSchema {
  const own = inputClass ? describedClass(inputClass) : {};
  const fields = inputClass ? describedFields(inputClass) : {};
  const properties: Record<string, JsonSchema> = {};
  for (const [property, value] of Object.entries((schema.properties ?? {}) as Record<string, JsonSchema>)) {
    const described = fields[property] ?? {};
    properties[property] = {
      title: described.title ?? readableName(property),
      ...value,
      ...(described.title ? { title: described.title } : {}),
      ...(described.description ? { description: described.description } : {}),
    };
  }
  return {
    title: readableClassName(name),
    ...schema,
    ...(own.title ? { title: own.title } : {}),
    ...(own.description ? { description: own.description } : {}),
    properties,
  };
}

/** The validated classes by name (a `$ref` names one), as class-validator-jsonschema reads them. */
function classesByName(): Map<string, Function> {
  const storage = getMetadataStorage() as unknown as { validationMetadatas?: Map<Function, unknown> };
  const byName = new Map<string, Function>();
  if (storage.validationMetadatas instanceof Map) {
    for (const target of storage.validationMetadatas.keys()) if (typeof target === 'function') byName.set(target.name, target);
  }
  return byName;
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

/**
 * Copies `node`, gathering the classes it references into `out`. A `$ref` to a class without a
 * schema is dropped: class-validator-jsonschema emits `#/definitions/Object` for a custom
 * constraint on a field whose design type is not a primitive, and a dangling ref breaks clients.
 */
function resolveRefs(node: unknown, all: Record<string, unknown>, out: Record<string, unknown>): unknown {
  if (Array.isArray(node)) return node.map((item) => resolveRefs(item, all, out));
  if (!node || typeof node !== 'object') return node;
  const copy: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    if (key !== '$ref' || typeof value !== 'string') {
      copy[key] = resolveRefs(value, all, out);
      continue;
    }
    const name = value.replace('#/definitions/', '');
    if (!all[name]) continue;
    copy[key] = value;
    if (!(name in out)) {
      out[name] = {}; // claimed before recursing, so self-referencing classes terminate
      out[name] = { ...(resolveRefs(all[name], all, out) as object), additionalProperties: false };
    }
  }
  return copy;
}
