import { GraphQLInputObjectType } from 'graphql';
import { ConflictingInputsError } from '../../domain/errors/conflicting-inputs.error.js';
import { FlowNotNamedError } from '../../domain/errors/flow-not-named.error.js';
import type { FlowDefinition } from '../../flows/flow-definition.js';
import { toGraphQLError } from '../graphql-errors.js';
import { oneOfField, optional, withArgument, type Args } from './typed-arguments.js';
import type { TypedSchemaBuilder } from './typed-schema.builder.js';
import { isGraphqlName } from './typed-names.js';

/** The @oneOf input with a field per flow that has a parameters class, taken by `createFlowRun(flow)`. */
export const FLOW_PARAMETERS = 'FlowParameters';

/** A flow's field in FlowParameters: its name in camel case (`buy-shirt` -> `buyShirt`). */
export function flowField(flowName: string): string {
  return flowName.replace(/[-_.\s]+([A-Za-z0-9])/g, (_, next: string) => next.toUpperCase());
}

/**
 * Typed parameters next to the JSON ones: `createFlowRun(flow: FlowParameters)`, where
 * `FlowParameters` is a @oneOf with one field per flow that has `@Flow({ parameters })`
 * (`buyShirt: ShirtPurchaseInput`): the field names the flow, its value is the parameters. It
 * becomes `createFlowRun(flowName, parameters)` and goes on exactly as JSON does (validated by
 * class-validator before anything is stored). `flowName` turns optional: one of the two names the flow.
 */
export function addTypedParameters(builder: TypedSchemaBuilder, flows: readonly FlowDefinition[]): void {
  if (!builder.hasField('Mutation', 'createFlowRun')) return;
  const fields = new Map<string, { flow: FlowDefinition; type: GraphQLInputObjectType }>();
  for (const flow of flows) {
    if (!flow.parameters) continue;
    const field = flowField(flow.name);
    const why = !isGraphqlName(field)
      ? `its name as a field, ${field}, is not a GraphQL name`
      : fields.has(field)
        ? `flow ${fields.get(field)!.flow.name} has the field ${field} already`
        : null;
    if (why) {
      builder.warn(`Flow ${flow.name} gets no typed parameters (${why}); clients send them as JSON.`);
      continue;
    }
    const [typed] = builder.typed([flow.parameters], (parametersClass) => builder.types.inputOf(parametersClass));
    if (typed) fields.set(field, { flow, type: typed.built as GraphQLInputObjectType });
  }
  if (!fields.size) return;
  if (builder.taken(FLOW_PARAMETERS))
    return builder.warn(`The app's schema has a type named ${FLOW_PARAMETERS} already: no typed parameters (JSON ones only).`);

  const flowParameters = new GraphQLInputObjectType({
    name: FLOW_PARAMETERS,
    isOneOf: true,
    description:
      "A flow to start with its parameters typed: exactly one field, the flow's name in camel case (buyShirt for " +
      'buy-shirt), for each flow with a parameters class. Validated as JSON parameters are.',
    fields: Object.fromEntries(
      [...fields].map(([field, { flow, type }]) => [field, { type, description: `Flow ${flow.name}.` }]),
    ),
  });
  const flowNames = new Map([...fields].map(([field, { flow }]) => [field, flow.name]));
  builder.editFields('Mutation', (mutation) => ({
    ...mutation,
    createFlowRun: withArgument(optional(mutation.createFlowRun, ['flowName']), 'flow', flowParameters, CREATE_FLOW, (all) => {
      const { flow, ...args } = all;
      if (flow == null) {
        if (args.flowName == null) throw toGraphQLError(new FlowNotNamedError());
        return args;
      }
      if (args.flowName != null || args.parameters != null)
        throw toGraphQLError(new ConflictingInputsError('flowName/parameters', 'flow'));
      return { ...args, ...typedStart(flow as Args, flowNames) };
    }),
  }));
}

const CREATE_FLOW =
  'The flow and its parameters typed, instead of flowName and parameters: one field, named after the flow. ' +
  'Both: BAD_USER_INPUT (CONFLICTING_INPUTS); neither: BAD_USER_INPUT (FLOW_NOT_NAMED).';

/** The typed value as createFlowRun's JSON arguments. */
function typedStart(typedValue: Args, flowNames: Map<string, string>): Args {
  const { field, json } = oneOfField(typedValue);
  return { flowName: flowNames.get(field), parameters: json };
}
