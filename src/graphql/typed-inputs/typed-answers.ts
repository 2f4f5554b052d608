import { GraphQLInputObjectType, GraphQLUnionType, type GraphQLFieldConfig } from 'graphql';
import { ConflictingInputsError } from '../../domain/errors/conflicting-inputs.error.js';
import type { InputRequest } from '../../domain/input-request.js';
import { INPUT_TYPE_FIELD } from '../../inputs/input-choice.js';
import { inputJsonSchema } from '../../inputs/input-schema.js';
import { toGraphQLError } from '../graphql-errors.js';
import { TypeGenerationError } from './graphql-input-types.js';
import { oneOfField, optional, withArgument, type Args } from './typed-arguments.js';
import type { TypedSchemaBuilder } from './typed-schema.builder.js';
import { typedNames } from './typed-names.js';

/** The @oneOf input with a field per input class, taken by `resumeRun(answer)` and `sendInput(message)`. */
export const TYPED_INPUT = 'TypedInput';
/** The union of the initial data types, served by `InputRequest.initial`. */
export const INITIAL_DATA = 'InitialData';

/**
 * Typed answers next to the JSON ones: a `TypedInput` @oneOf with one field per input class
 * (`shirtOrder: ShirtOrderInput`), taken by `resumeRun(answer)` and `sendInput(message)`, which
 * turn it into the JSON input naming its class and go on exactly as with JSON (class-validator
 * rules, violations, idempotency); and `InputRequest.initial`, the initial data typed. With no
 * class that can be typed, the schema is left as it is (an empty @oneOf is not valid).
 */
export function addTypedAnswers(builder: TypedSchemaBuilder, classes: readonly Function[]): void {
  const fields = new Set<string>();
  const typed = builder.typed(classes, (inputClass) => {
    const field = typedNames.answerField(inputClass.name);
    if (fields.has(field)) throw new TypeGenerationError(`another class's field in ${TYPED_INPUT} is named ${field}`);
    const properties = (inputJsonSchema(inputClass).properties ?? {}) as object;
    if (Object.hasOwn(properties, INPUT_TYPE_FIELD))
      throw new TypeGenerationError(`"${INPUT_TYPE_FIELD}" names the class in an answer`);
    const built = { input: builder.types.inputOf(inputClass), data: builder.types.dataOf(inputClass) };
    fields.add(field);
    return built;
  });
  if (!typed.length) return;
  const clash = [TYPED_INPUT, INITIAL_DATA].find((name) => builder.taken(name));
  if (clash) return builder.warn(`The app's schema has a type named ${clash} already: no typed answers (JSON ones only).`);

  const classByField = new Map(typed.map(({ inputClass }) => [typedNames.answerField(inputClass.name), inputClass.name]));
  const typedInput = new GraphQLInputObjectType({
    name: TYPED_INPUT,
    isOneOf: true,
    description:
      'An input, typed: exactly one field, named after its input class with a lower-case first letter ' +
      '(shirtOrder: ShirtOrderInput for ShirtOrder). Validated as JSON input is (class-validator rules, violations).',
    fields: Object.fromEntries(
      typed.map(({ inputClass, built }) => [
        typedNames.answerField(inputClass.name),
        { type: built.input, description: `Input class ${inputClass.name}.` },
      ]),
    ),
  });
  const dataTypes = new Map(typed.map(({ inputClass, built }) => [inputClass.name, built.data.name]));
  const initialData = new GraphQLUnionType({
    name: INITIAL_DATA,
    description: "A pause's initial data, as the type of its input class.",
    types: typed.map(({ built }) => built.data),
  });
  const toInput = (typedValue: unknown) => answerToInput(typedValue as Args, classByField);

  if (builder.hasField('Mutation', 'resumeRun')) {
    builder.editFields('Mutation', (fields) => ({
      ...fields,
      resumeRun: withArgument(fields.resumeRun, 'answer', typedInput, RESUME_ANSWER, ({ answer, ...args }) => {
        if (answer == null) return args;
        if (args.input != null) throw toGraphQLError(new ConflictingInputsError('input', 'answer'));
        return { ...args, input: toInput(answer) };
      }),
    }));
  }
  if (builder.hasField('Mutation', 'sendInput')) {
    builder.editFields('Mutation', (fields) => ({
      ...fields,
      sendInput: withArgument(optional(fields.sendInput, ['inputType', 'input']), 'message', typedInput, SEND_MESSAGE, (all) => {
        const { message, ...args } = all;
        if (message == null) return args;
        if (args.input != null || args.inputType != null)
          throw toGraphQLError(new ConflictingInputsError('inputType/input', 'message'));
        const { [INPUT_TYPE_FIELD]: inputType, ...input } = toInput(message);
        return { ...args, inputType, input };
      }),
    }));
  }
  if (builder.hasField('InputRequest', 'initialData')) {
    builder.editFields('InputRequest', (fields) => ({
      ...fields,
      initial: {
        type: initialData,
        description:
          'initialData typed for the input class (its fields, enums as enums); null without initial data or for a ' +
          'choice of classes. initialData (JSON) stays.',
        resolve: (request: InputRequest) => {
          const typeName = request.inputType ? dataTypes.get(request.inputType) : undefined;
          return typeName && request.initialData ? { ...request.initialData, __typename: typeName } : null;
        },
      } as GraphQLFieldConfig<unknown, unknown>,
    }));
  }
}

const RESUME_ANSWER =
  'The answer typed, instead of input: one field, named after its input class. The pause must wait for that class ' +
  '(alone or in a choice); the same class-validator rules apply. Both input and answer: BAD_USER_INPUT (CONFLICTING_INPUTS).';
const SEND_MESSAGE =
  'The input typed, instead of inputType and input: one field, named after its input class. ' +
  'Both: BAD_USER_INPUT (CONFLICTING_INPUTS).';

/** The typed value as the JSON input that names its class: `{ inputType: 'ShirtOrder', size, color }`. */
function answerToInput(typedValue: Args, classByField: Map<string, string>): Args {
  const { field, json } = oneOfField(typedValue);
  return { [INPUT_TYPE_FIELD]: classByField.get(field), ...json };
}
