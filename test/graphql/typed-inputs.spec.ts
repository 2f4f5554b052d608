import 'reflect-metadata';
import { Type } from 'class-transformer';
import { IsIn, IsOptional, IsString, ValidateNested } from 'class-validator';
import { buildSchema, graphql, printSchema, printType, type GraphQLSchema } from 'graphql';
import { RunInput } from '../../src/index.js';
import { GraphqlInputTypes, TypeGenerationError } from '../../src/graphql/typed-inputs/graphql-input-types.js';
import { addTypedAnswers } from '../../src/graphql/typed-inputs/typed-answers.js';
import { TypedSchemaBuilder } from '../../src/graphql/typed-inputs/typed-schema.builder.js';
import { GraphQLJSON } from 'graphql-type-json';

class Leaf {
  @IsString()
  label!: string;
}

class Tree extends RunInput {
  @IsString()
  name!: string;

  @IsOptional()
  @ValidateNested({ each: true })
  @Type(() => Tree)
  children?: Tree[];
}

class Odd extends RunInput {
  @IsIn(['over budget', 'late'])
  reason!: string;

  @IsIn([1, 2, 3])
  box!: number;

  @IsIn(['a', 2])
  mixed!: unknown;
}

class Empty extends RunInput {}

class BadLeaf {
  @IsString()
  $weird!: string;
}

class Mid {
  @ValidateNested()
  @Type(() => Leaf)
  leaf!: Leaf;

  @ValidateNested()
  @Type(() => BadLeaf)
  bad!: BadLeaf;
}

class Broken extends RunInput {
  @ValidateNested()
  @Type(() => Mid)
  mid!: Mid;
}

class AlsoMid extends RunInput {
  @ValidateNested()
  @Type(() => Mid)
  mid!: Mid;
}

class Holder extends RunInput {
  @ValidateNested()
  @Type(() => Leaf)
  leaf!: Leaf;
}

class Named extends RunInput {
  @IsString()
  inputType!: string;
}

class Pick extends RunInput {
  @IsIn(['yes', 'no'])
  choice!: string;
}

const types = () => new GraphqlInputTypes(GraphQLJSON);

describe('GraphqlInputTypes', () => {
  it('types a class that contains itself (a list of its own input type)', () => {
    expect(printType(types().inputOf(Tree))).toBe(
      ['"""Fields of the input class Tree."""', 'input TreeInput {', '  name: String!', '  children: [TreeInput!]', '}'].join(
        '\n',
      ),
    );
  });

  it("falls back to the choices' scalar when they cannot be enum values, listing them", () => {
    const printed = printType(types().inputOf(Odd));
    expect(printed).toContain('"""One of: "over budget", "late"."""\n  reason: String!');
    expect(printed).toContain('"""One of: 1, 2, 3."""\n  box: Int!');
    expect(printed).toContain('mixed: JSON!');
  });

  it('refuses a class without fields, or with a field GraphQL cannot name, leaving no half-built type behind', () => {
    const generated = types();
    expect(() => generated.inputOf(Empty)).toThrow(TypeGenerationError);
    expect(() => generated.inputOf(Broken)).toThrow(/field "\$weird" of BadLeaf is not a GraphQL name/);
    // MidInput was begun for Broken: another class that holds a Mid fails the same, it does not get it half-built.
    expect(() => generated.inputOf(AlsoMid)).toThrow(/field "\$weird" of BadLeaf/);
    // LeafInput was built and dropped with it: its name is free again.
    expect(printType(generated.inputOf(Holder))).toContain('leaf: LeafInput!');
  });

  it('refuses a type name the schema already has', () => {
    const generated = new GraphqlInputTypes(GraphQLJSON, (name) => name === 'PickInput');
    expect(() => generated.inputOf(Pick)).toThrow(/already has a type named PickInput/);
  });
});

const SDL = `
  scalar JSON
  type InputRequest { inputType: String initialData: JSON }
  type Query { request: InputRequest }
  type Mutation {
    resumeRun(id: ID!, input: JSON, key: String): JSON
    sendInput(id: ID!, inputType: String!, input: JSON!): JSON
  }
`;

/** The schema the app built, with resolvers that echo their arguments. */
function appSchema(sdl = SDL): GraphQLSchema {
  const schema = buildSchema(sdl);
  const mutation = schema.getMutationType()!.getFields();
  mutation.resumeRun.resolve = (_source, args) => args;
  mutation.sendInput.resolve = (_source, args) => args;
  schema.getQueryType()!.getFields().request.resolve = () => ({ inputType: 'Pick', initialData: { choice: 'no' } });
  return schema;
}

function typedSchema(schema: GraphQLSchema, classes: Function[]) {
  const warnings: string[] = [];
  const builder = new TypedSchemaBuilder(schema, (message) => warnings.push(message));
  addTypedAnswers(builder, classes);
  return { schema: builder.build(), warnings };
}

describe('addTypedAnswers', () => {
  it('leaves the schema as it is without a class it can type (an empty @oneOf is not valid)', () => {
    const schema = appSchema();
    expect(typedSchema(schema, []).schema).toBe(schema);
    const untypable = typedSchema(schema, [Empty, Named]);
    expect(untypable.schema).toBe(schema);
    expect(untypable.warnings).toEqual([
      'Class Empty gets no GraphQL types (Empty has no validated fields); clients send it as JSON.',
      'Class Named gets no GraphQL types ("inputType" names the class in an answer); clients send it as JSON.',
    ]);
  });

  it('leaves the schema as it is when it has a type named TypedInput already', () => {
    const { schema, warnings } = typedSchema(appSchema(`${SDL} input TypedInput { x: Int }`), [Pick]);
    expect(printSchema(schema)).not.toContain('pick: PickInput');
    expect(warnings).toEqual([expect.stringMatching(/type named TypedInput already/)]);
  });

  it('turns answer and message into the JSON input naming its class; the other resolvers keep working', async () => {
    const { schema } = typedSchema(appSchema(), [Pick, Tree]);
    const run = async (source: string) => graphql({ schema, source });
    expect(await run('mutation { resumeRun(id: "1", answer: { pick: { choice: yes } }, key: "k") }')).toEqual({
      data: { resumeRun: { id: '1', key: 'k', input: { inputType: 'Pick', choice: 'yes' } } },
    });
    expect(await run('mutation { sendInput(id: "1", message: { tree: { name: "a", children: [{ name: "b" }] } }) }')).toEqual({
      data: { sendInput: { id: '1', inputType: 'Tree', input: { name: 'a', children: [{ name: 'b' }] } } },
    });
    expect(await run('mutation { sendInput(id: "1", inputType: "Pick", input: { choice: "no" }) }')).toEqual({
      data: { sendInput: { id: '1', inputType: 'Pick', input: { choice: 'no' } } },
    });
    const both = await run('mutation { resumeRun(id: "1", input: {}, answer: { pick: { choice: yes } }) }');
    expect(both.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', nestflowCode: 'CONFLICTING_INPUTS' });
    expect(await run('{ request { inputType initial { __typename ... on PickData { choice } } } }')).toEqual({
      data: { request: { inputType: 'Pick', initial: { __typename: 'PickData', choice: 'no' } } },
    });
  });
});
