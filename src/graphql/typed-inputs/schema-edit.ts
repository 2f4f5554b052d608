import {
  GraphQLDirective,
  GraphQLEnumType,
  GraphQLInputObjectType,
  GraphQLInterfaceType,
  GraphQLList,
  GraphQLNonNull,
  GraphQLObjectType,
  GraphQLSchema,
  GraphQLUnionType,
  isInputObjectType,
  isInterfaceType,
  isIntrospectionType,
  isListType,
  isNonNullType,
  isObjectType,
  isUnionType,
  isEnumType,
  isSpecifiedDirective,
  type GraphQLFieldConfigArgumentMap,
  type GraphQLFieldConfigMap,
  type GraphQLInputFieldConfigMap,
  type GraphQLNamedType,
  type GraphQLType,
} from 'graphql';

/** New fields (or changed ones) of an object type: gets its field configs, returns them edited. */
export type FieldsEdit = (fields: GraphQLFieldConfigMap<unknown, unknown>) => GraphQLFieldConfigMap<unknown, unknown>;

/**
 * A copy of `schema` whose object types named in `edits` have their fields edited (arguments
 * added, resolvers wrapped, fields added). graphql-js types are immutable once built, and a type
 * is referenced by many others, so every type is rebuilt from its config (resolvers, extensions
 * and directives kept), as graphql-js's own `lexicographicSortSchema` does, minus the sorting.
 * Types the edits bring in are referenced as given (they must not reuse a name of the schema's).
 */
export function editSchema(schema: GraphQLSchema, edits: Record<string, FieldsEdit>): GraphQLSchema {
  const config = schema.toConfig();
  const rebuilt = new Map<string, GraphQLNamedType>();
  for (const type of config.types) rebuilt.set(type.name, rebuild(type));

  function named<T extends GraphQLNamedType>(type: T): T {
    return (rebuilt.get(type.name) as T | undefined) ?? type;
  }
  function replace<T extends GraphQLType>(type: T): T {
    if (isListType(type)) return new GraphQLList(replace(type.ofType)) as T;
    if (isNonNullType(type)) return new GraphQLNonNull(replace(type.ofType)) as T;
    return named(type as GraphQLNamedType) as T;
  }
  function args(map: GraphQLFieldConfigArgumentMap): GraphQLFieldConfigArgumentMap {
    return Object.fromEntries(Object.entries(map).map(([name, arg]) => [name, { ...arg, type: replace(arg.type) }]));
  }
  function fields(map: GraphQLFieldConfigMap<unknown, unknown>): GraphQLFieldConfigMap<unknown, unknown> {
    return Object.fromEntries(
      Object.entries(map).map(([name, field]) => [name, { ...field, type: replace(field.type), args: args(field.args ?? {}) }]),
    );
  }
  function inputFields(map: GraphQLInputFieldConfigMap): GraphQLInputFieldConfigMap {
    return Object.fromEntries(Object.entries(map).map(([name, field]) => [name, { ...field, type: replace(field.type) }]));
  }
  function rebuild(type: GraphQLNamedType): GraphQLNamedType {
    if (isIntrospectionType(type)) return type;
    if (isObjectType(type)) {
      const own = type.toConfig();
      const edit = edits[type.name];
      return new GraphQLObjectType({
        ...own,
        interfaces: () => own.interfaces.map(named),
        fields: () => fields(edit ? edit(own.fields) : own.fields),
      });
    }
    if (isInterfaceType(type)) {
      const own = type.toConfig();
      return new GraphQLInterfaceType({ ...own, interfaces: () => own.interfaces.map(named), fields: () => fields(own.fields) });
    }
    if (isUnionType(type)) {
      const own = type.toConfig();
      return new GraphQLUnionType({ ...own, types: () => own.types.map(named) });
    }
    if (isInputObjectType(type)) {
      const own = type.toConfig();
      return new GraphQLInputObjectType({ ...own, fields: () => inputFields(own.fields) });
    }
    if (isEnumType(type)) return new GraphQLEnumType(type.toConfig());
    return type; // scalars: no references to replace
  }

  return new GraphQLSchema({
    ...config,
    query: config.query && named(config.query),
    mutation: config.mutation && named(config.mutation),
    subscription: config.subscription && named(config.subscription),
    types: [...rebuilt.values()],
    directives: config.directives.map((directive) =>
      isSpecifiedDirective(directive)
        ? directive
        : new GraphQLDirective({ ...directive.toConfig(), args: args(directive.toConfig().args) }),
    ),
  });
}
