import {
  GraphQLBoolean,
  GraphQLEnumType,
  GraphQLFloat,
  GraphQLInputObjectType,
  GraphQLInt,
  GraphQLList,
  GraphQLNonNull,
  GraphQLObjectType,
  GraphQLString,
  type GraphQLFieldConfigMap,
  type GraphQLInputFieldConfigMap,
  type GraphQLNullableType,
  type GraphQLScalarType,
} from 'graphql';
import { inputJsonSchema, type JsonSchema } from '../../inputs/input-schema.js';
import { isEnumValueName, isGraphqlName, typedNames } from './typed-names.js';

/** The parts of a class's JSON schema (class-validator-jsonschema's output) the types are read from. */
interface Node {
  $ref?: string;
  type?: unknown;
  enum?: unknown[];
  items?: Node;
  properties?: Record<string, Node>;
  required?: string[];
  description?: string;
}

type Side = 'input' | 'data';
type Scalar = GraphQLScalarType | GraphQLEnumType;

/** Why a class gets no GraphQL types (it is still answered through the JSON arguments). */
export class TypeGenerationError extends Error {}

/**
 * GraphQL types generated from classes validated with class-validator (RunInput classes, or any
 * such class): an input type with the class's fields (non-null when required), an object type
 * for its initial data (every field nullable), an enum per `@IsIn` field of strings, nested
 * classes as types of their own, `@Describe` descriptions. Read from the class's JSON schema,
 * the same one clients validate forms with; the rules stay class-validator's.
 */
export class GraphqlInputTypes {
  private readonly inputs = new Map<string, GraphQLInputObjectType>();
  private readonly datas = new Map<string, GraphQLObjectType>();
  private readonly enums = new Map<string, Scalar>();
  private readonly claimed = new Set<string>();

  /**
   * `json`: the scalar for values without a GraphQL shape (the schema's own JSON scalar).
   * `taken`: type names the schema already has; a class whose types would reuse one gets none.
   */
  constructor(
    private readonly json: GraphQLScalarType,
    private readonly taken: (name: string) => boolean = () => false,
  ) {}

  /** The input type of `inputClass`'s fields (and of its nested classes). Throws TypeGenerationError. */
  inputOf(inputClass: Function): GraphQLInputObjectType {
    return this.atomically(() => this.object(inputClass.name, inputJsonSchema(inputClass), 'input') as GraphQLInputObjectType);
  }

  /** The object type of `inputClass`'s initial data (every field nullable). Throws TypeGenerationError. */
  dataOf(inputClass: Function): GraphQLObjectType {
    return this.atomically(() => this.object(inputClass.name, inputJsonSchema(inputClass), 'data') as GraphQLObjectType);
  }

  /** A failed class leaves nothing behind (its nested types included) for another class to reuse. */
  private atomically<T>(build: () => T): T {
    const before = { inputs: [...this.inputs.keys()], datas: [...this.datas.keys()], enums: [...this.enums.keys()] };
    const claimed = [...this.claimed];
    try {
      return build();
    } catch (error) {
      for (const key of this.inputs.keys()) if (!before.inputs.includes(key)) this.inputs.delete(key);
      for (const key of this.datas.keys()) if (!before.datas.includes(key)) this.datas.delete(key);
      for (const key of this.enums.keys()) if (!before.enums.includes(key)) this.enums.delete(key);
      this.claimed.clear();
      for (const name of claimed) this.claimed.add(name);
      throw error;
    }
  }

  private object(className: string, schema: JsonSchema, side: Side): GraphQLInputObjectType | GraphQLObjectType {
    const known = side === 'input' ? this.inputs.get(className) : this.datas.get(className);
    if (known) return known;
    const node = schema as Node;
    const properties = Object.entries(node.properties ?? {});
    if (!properties.length) throw new TypeGenerationError(`${className} has no validated fields`);
    const invalid = properties.find(([field]) => !isGraphqlName(field));
    if (invalid) throw new TypeGenerationError(`field "${invalid[0]}" of ${className} is not a GraphQL name`);
    const definitions = (schema.definitions ?? {}) as Record<string, JsonSchema>;
    const required = new Set(node.required ?? []);
    // Registered before its fields are built, so a class that contains itself refers to its own type.
    const fields: Record<string, { type: never; description?: string }> = {};
    const about = node.description ? `: ${node.description}` : '.';
    const type =
      side === 'input'
        ? new GraphQLInputObjectType({
            name: this.claim(typedNames.input(className)),
            description: `Fields of the input class ${className}${about}`,
            fields: () => fields as GraphQLInputFieldConfigMap,
          })
        : new GraphQLObjectType({
            name: this.claim(typedNames.data(className)),
            description: `Initial data of the input class ${className}: defaults for some fields, any may be absent.`,
            fields: () => fields as GraphQLFieldConfigMap<unknown, unknown>,
          });
    if (type instanceof GraphQLInputObjectType) this.inputs.set(className, type);
    else this.datas.set(className, type);
    for (const [field, property] of properties) {
      const { type: fieldType, note } = this.fieldType(className, field, property, definitions, side);
      const nonNull = side === 'input' && required.has(field);
      const description = [property.description, note].filter(Boolean).join(' ') || undefined;
      fields[field] = { type: (nonNull ? new GraphQLNonNull(fieldType) : fieldType) as never, description };
    }
    return type;
  }

  private fieldType(
    className: string,
    field: string,
    property: Node,
    definitions: Record<string, JsonSchema>,
    side: Side,
  ): { type: GraphQLNullableType; note?: string } {
    if (property.$ref) {
      const nested = property.$ref.replace('#/definitions/', '');
      const definition = definitions[nested];
      return { type: definition ? this.object(nested, { ...definition, definitions }, side) : this.json };
    }
    if (Array.isArray(property.enum)) return this.choices(className, field, property.enum);
    switch (property.type) {
      case 'string':
        return { type: GraphQLString };
      case 'integer':
        return { type: GraphQLInt };
      case 'number':
        return { type: GraphQLFloat };
      case 'boolean':
        return { type: GraphQLBoolean };
      case 'array': {
        if (!property.items) return { type: new GraphQLList(this.json) };
        const item = this.fieldType(className, field, property.items, definitions, side);
        return { type: new GraphQLList(side === 'input' ? new GraphQLNonNull(item.type) : item.type), note: item.note };
      }
      default:
        return { type: this.json };
    }
  }

  /**
   * `@IsIn` choices: an enum when every choice is a string that is a GraphQL name as it is (so
   * both paths spell values alike), else the values' scalar with the choices in its description.
   */
  private choices(className: string, field: string, values: unknown[]): { type: Scalar; note?: string } {
    const key = `${className}.${field}`;
    const listed = `One of: ${values.map((value) => JSON.stringify(value)).join(', ')}.`;
    const known = this.enums.get(key);
    if (known) return { type: known, note: known instanceof GraphQLEnumType ? undefined : listed };
    let type: Scalar;
    if (values.length && values.every(isEnumValueName)) {
      const enumValues = Object.fromEntries(values.map((value) => [value, { value }]));
      const name = this.claim(typedNames.enum(className, field));
      type = new GraphQLEnumType({ name, description: `Choices of ${className}.${field}.`, values: enumValues });
    } else if (values.length && values.every((value) => typeof value === 'string')) type = GraphQLString;
    else if (values.length && values.every((value) => Number.isInteger(value))) type = GraphQLInt;
    else if (values.length && values.every((value) => typeof value === 'number')) type = GraphQLFloat;
    else if (values.length && values.every((value) => typeof value === 'boolean')) type = GraphQLBoolean;
    else type = this.json;
    this.enums.set(key, type);
    return { type, note: type instanceof GraphQLEnumType ? undefined : listed };
  }

  private claim(name: string): string {
    if (this.taken(name) || this.claimed.has(name)) throw new TypeGenerationError(`the schema already has a type named ${name}`);
    this.claimed.add(name);
    return name;
  }
}
