import { isScalarType, type GraphQLSchema } from 'graphql';
import { GraphQLJSON } from 'graphql-type-json';
import { GraphqlInputTypes, TypeGenerationError } from './graphql-input-types.js';
import { editSchema, type FieldsEdit } from './schema-edit.js';

/**
 * Adds generated types to a schema the app has built (GraphQLModule's `transformSchema`):
 * callers type classes with `typed`, register field edits, and `build()` returns the copy.
 * Typed answers use it (`addTypedAnswers`); a typed `createFlowRun` can add its own edits with
 * the same `types`, so a class used by both gets one set of types.
 */
export class TypedSchemaBuilder {
  /** The generated types, shared by every edit of this schema. */
  readonly types: GraphqlInputTypes;
  private readonly edits = new Map<string, FieldsEdit[]>();

  constructor(
    readonly schema: GraphQLSchema,
    /** Says why something gets no types (the app's logger). */
    readonly warn: (message: string) => void,
  ) {
    const json = schema.getType('JSON');
    this.types = new GraphqlInputTypes(isScalarType(json) ? json : GraphQLJSON, (name) => this.taken(name));
  }

  /** True when the schema has a type of this name (generated names must be new). */
  taken(name: string): boolean {
    return Boolean(this.schema.getType(name));
  }

  /**
   * `build(class)` for each class that can be typed, in name order; a class that cannot (no
   * fields, a name GraphQL does not accept, a type name the schema already has) is left out
   * with a warning: it stays answerable through the JSON arguments.
   */
  typed<T>(classes: readonly Function[], build: (inputClass: Function) => T): Array<{ inputClass: Function; built: T }> {
    const sorted = [...new Set(classes)].sort((a, b) => a.name.localeCompare(b.name));
    return sorted.flatMap((inputClass) => {
      try {
        return [{ inputClass, built: build(inputClass) }];
      } catch (error) {
        if (!(error instanceof TypeGenerationError)) throw error;
        this.warn(`Class ${inputClass.name} gets no GraphQL types (${error.message}); clients send it as JSON.`);
        return [];
      }
    });
  }

  /** True when `typeName` is an object type of the schema with a field `fieldName`. */
  hasField(typeName: string, fieldName: string): boolean {
    const type = this.schema.getType(typeName) as { getFields?: () => Record<string, unknown> } | undefined;
    return Boolean(type?.getFields?.()[fieldName]);
  }

  /** Edits the fields of object type `typeName` (applied in the order given). */
  editFields(typeName: string, edit: FieldsEdit): void {
    this.edits.set(typeName, [...(this.edits.get(typeName) ?? []), edit]);
  }

  /** The schema with every edit; the schema itself when there is none. */
  build(): GraphQLSchema {
    if (!this.edits.size) return this.schema;
    const composed = Object.fromEntries(
      [...this.edits].map(([typeName, edits]) => [
        typeName,
        ((fields) => edits.reduce((current, edit) => edit(current), fields)) as FieldsEdit,
      ]),
    );
    return editSchema(this.schema, composed);
  }
}
