import { defaultFieldResolver, getNullableType, type GraphQLFieldConfig, type GraphQLInputType } from 'graphql';

type Field = GraphQLFieldConfig<unknown, unknown>;
/** A field's arguments, as its resolver gets them. */
export type Args = Record<string, unknown>;

/** `field` with one more argument, its resolver getting the arguments `toArgs` makes of them. */
export function withArgument(
  field: Field,
  name: string,
  type: GraphQLInputType,
  description: string,
  toArgs: (args: Args) => Args,
): Field {
  const resolve = field.resolve ?? defaultFieldResolver;
  return {
    ...field,
    args: { ...field.args, [name]: { type, description } },
    resolve: (source, args, context, info) => resolve(source, toArgs(args), context, info),
  };
}

/** `field` with these arguments made optional (a typed argument can stand in for them). */
export function optional(field: Field, names: string[]): Field {
  const args = { ...field.args };
  for (const name of names) if (args[name]) args[name] = { ...args[name], type: getNullableType(args[name].type) };
  return { ...field, args };
}

/**
 * The one field a @oneOf input object was given (GraphQL let exactly one through, not null), its
 * value as plain JSON: coerced input objects may have a null prototype, and nestflow's JSON
 * paths take plain JSON.
 */
export function oneOfField(value: Args): { field: string; json: Args } {
  const [field, given] = Object.entries(value).find(([, candidate]) => candidate != null)!;
  return { field, json: JSON.parse(JSON.stringify(given)) as Args };
}
