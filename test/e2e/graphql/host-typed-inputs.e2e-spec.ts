import { ApolloDriver, type ApolloDriverConfig } from '@nestjs/apollo';
import { Injectable } from '@nestjs/common';
import { GraphQLModule, GraphQLSchemaHost, Query, Resolver } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsEmail, IsIn, IsInt, IsOptional, IsString, Max, Min, ValidateNested } from 'class-validator';
import { printType, type GraphQLNamedType } from 'graphql';
import {
  Describe,
  Flow,
  FlowRunService,
  FlowRunState,
  NestflowGraphqlConfig,
  NestflowModule,
  RunInput,
  pauseFlowRun,
} from '../../../src/index.js';
import { gql, gqlData } from '../../helpers/gql-client.js';
import { startGraphqlApp, type GraphqlApp } from '../../helpers/graphql-app.js';
import { tempSqlite } from '../../helpers/temp-sqlite.js';

class Reviewer {
  @IsString()
  name!: string;

  @IsOptional()
  @IsEmail()
  email?: string;
}

@Describe({ description: 'How the delivery went.' })
class DeliveryRating extends RunInput {
  @Describe({ description: 'From 1 to 5.' })
  @IsInt()
  @Min(1)
  @Max(5)
  stars!: number;

  @IsArray()
  @ArrayMaxSize(3)
  @IsIn(['fast', 'friendly', 'late'], { each: true })
  tags!: string[];

  @ValidateNested()
  @Type(() => Reviewer)
  reviewer!: Reviewer;
}

@Injectable()
class DeliveryFlows {
  @Flow({ inputs: [DeliveryRating] })
  async rateDelivery(): Promise<string> {
    const rating = await pauseFlowRun({ waitForInput: DeliveryRating });
    return `${rating.stars} stars from ${rating.reviewer.name}: ${rating.tags.join(', ')}`;
  }
}

@Resolver()
class HelloResolver {
  @Query(() => String)
  hello(): string {
    return 'Hello from the host';
  }
}

const RATE = `mutation($id: ID!, $rating: DeliveryRatingInput!) { resumeRun(id: $id, answer: { deliveryRating: $rating }) { state } }`;

let server: GraphqlApp;

/** A host app that spreads nestflow's Apollo options into its own GraphQLModule, next to its own API. */
beforeAll(async () => {
  const db = tempSqlite();
  server = await startGraphqlApp(
    {
      imports: [
        GraphQLModule.forRootAsync<ApolloDriverConfig>({
          driver: ApolloDriver,
          inject: [NestflowGraphqlConfig],
          useFactory: (nestflow: NestflowGraphqlConfig) => ({ autoSchemaFile: true, ...nestflow.apolloOptions() }),
        }),
        NestflowModule.forRoot({ database: { type: 'sqlite', path: db.path } }),
      ],
      providers: [HelloResolver, DeliveryFlows],
    },
    db.cleanup,
  );
});
afterAll(() => server?.close());

describe("typed inputs in a host app's own GraphQLModule", () => {
  it('types the input class: an Int, a list of enum values, a nested class with its own input type', () => {
    const schema = server.app.get(GraphQLSchemaHost).schema;
    const print = (name: string) => printType(schema.getType(name) as GraphQLNamedType);
    expect(print('DeliveryRatingInput')).toBe(
      [
        '"""Fields of the input class DeliveryRating: How the delivery went."""',
        'input DeliveryRatingInput {',
        '  """From 1 to 5."""',
        '  stars: Int!',
        '  tags: [DeliveryRatingTags!]!',
        '  reviewer: ReviewerInput!',
        '}',
      ].join('\n'),
    );
    expect(print('ReviewerInput')).toMatch(/input ReviewerInput \{\n {2}name: String!\n {2}email: String\n\}/);
    expect(print('DeliveryRatingTags')).toMatch(/enum DeliveryRatingTags \{\n {2}fast\n {2}friendly\n {2}late\n\}/);
    expect(print('TypedInput')).toMatch(/input TypedInput @oneOf \{[^}]*deliveryRating: DeliveryRatingInput\n\}/);
  });

  it('resumes through the typed answer; class-validator rules (Max, IsEmail on the nested class) still apply', async () => {
    const runs = server.app.get(FlowRunService);
    const { id } = await runs.createFlowRun('rate-delivery');
    await runs.waitForFlowRun(id, { states: [FlowRunState.PAUSED], timeout: 5000 });

    const tooMany = { stars: 9, tags: ['fast'], reviewer: { name: 'Ada', email: 'not-an-email' } };
    const refused = await gql(server.httpUrl, RATE, { id, rating: tooMany });
    expect(refused.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', nestflowCode: 'INPUT_VALIDATION_FAILED' });
    const paths = refused.errors![0].extensions!.violations.map((violation: { path: string }) => violation.path);
    expect(paths.sort()).toEqual(['reviewer.email', 'stars']);

    const rating = { stars: 4, tags: ['fast', 'friendly'], reviewer: { name: 'Ada' } };
    expect((await gqlData(server.httpUrl, RATE, { id, rating })).resumeRun.state).toBe('RUNNING');
    expect((await runs.waitForFlowRun(id, { timeout: 5000 })).result).toBe('4 stars from Ada: fast, friendly');
    expect((await gqlData(server.httpUrl, '{ hello }')).hello).toBe('Hello from the host');
  });
});
