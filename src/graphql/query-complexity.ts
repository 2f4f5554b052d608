import {
  getNamedType,
  isObjectType,
  isInterfaceType,
  isScalarType,
  type GraphQLField,
  Kind,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLNamedType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValueNode,
} from 'graphql';

/** Field extension (`@Extensions({ [NESTFLOW_COST]: n })`): the cost of a leaf field, instead of the default. */
export const NESTFLOW_COST = 'nestflowCost';
/** Page-size arguments: a field with one costs its selection that many times. */
const PAGE_ARGUMENTS = ['first', 'last', 'limit'];
/** A page size given by a variable nobody set, or with no default: the server's own default. */
const DEFAULT_PAGE = 20;

/**
 * Estimated cost of running one operation, roughly in KiB of response: 1 per field, a JSON
 * field one per KiB it may hold (`jsonBytes`, nestflow's `limits.maxInputBytes`) unless the
 * field declares its own cost (NESTFLOW_COST extension), and a field
 * with `first` (or `last`, `limit`; given, or the argument's default) costs its children that
 * many times. Fragments are costed once each and reused, so a document that multiplies
 * fragments cannot make the estimate itself slow. Introspection fields cost 1 and are not
 * descended (the depth limit bounds them).
 */
export function operationComplexity(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName?: string | null,
  variables: Readonly<Record<string, unknown>> = {},
  jsonBytes = 1024,
): number {
  const jsonCost = Math.max(1, Math.ceil(jsonBytes / 1024));
  const operations = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  const operation = operationName ? operations.find((o) => o.name?.value === operationName) : operations[0];
  if (!operation) return 0;
  const fragments = new Map(
    document.definitions
      .filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION)
      .map((d) => [d.name.value, d]),
  );
  const fragmentCost = new Map<string, number>();
  const root = schema.getRootType(operation.operation);

  const cost = (set: SelectionSetNode | undefined, type: GraphQLNamedType | null | undefined, seen: Set<string>): number => {
    if (!set) return 0;
    let total = 0;
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) total += fieldCost(selection, type, seen);
      else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const condition = selection.typeCondition ? schema.getType(selection.typeCondition.name.value) : type;
        total += cost(selection.selectionSet, condition, seen);
      } else {
        const name = selection.name.value;
        const fragment = fragments.get(name);
        if (!fragment || seen.has(name)) continue; // unknown or cyclic: other validation rules report it
        if (!fragmentCost.has(name)) {
          fragmentCost.set(
            name,
            cost(fragment.selectionSet, schema.getType(fragment.typeCondition.name.value), new Set(seen).add(name)),
          );
        }
        total += fragmentCost.get(name)!;
      }
      if (total > Number.MAX_SAFE_INTEGER) return Number.MAX_SAFE_INTEGER;
    }
    return total;
  };

  const fieldCost = (field: FieldNode, parent: GraphQLNamedType | null | undefined, seen: Set<string>): number => {
    if (field.name.value.startsWith('__')) return 1;
    const definition =
      parent && (isObjectType(parent) || isInterfaceType(parent)) ? parent.getFields()[field.name.value] : undefined;
    if (!definition) return 1;
    const type = getNamedType(definition.type);
    const declared = definition.extensions?.[NESTFLOW_COST];
    if (typeof declared === 'number') return declared;
    if (isScalarType(type) && type.name === 'JSON') return jsonCost;
    return 1 + pageSize(field, definition, variables) * cost(field.selectionSet, type, seen);
  };

  return cost(operation.selectionSet, root, new Set());
}

function pageSize(
  field: FieldNode,
  definition: GraphQLField<unknown, unknown>,
  variables: Readonly<Record<string, unknown>>,
): number {
  const argument = field.arguments?.find((arg) => PAGE_ARGUMENTS.includes(arg.name.value));
  const declared = definition.args.find((arg) => PAGE_ARGUMENTS.includes(arg.name));
  const value = argument ? literal(argument.value, variables) : declared?.defaultValue;
  if (!argument && !declared) return 1;
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : DEFAULT_PAGE;
}

function literal(node: ValueNode, variables: Readonly<Record<string, unknown>>): unknown {
  if (node.kind === Kind.INT || node.kind === Kind.FLOAT) return Number(node.value);
  if (node.kind === Kind.VARIABLE) return variables[node.name.value];
  return undefined;
}
