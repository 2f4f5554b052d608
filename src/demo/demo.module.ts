import { ApolloDriver, type ApolloDriverConfig } from '@nestjs/apollo';
import { Module, type DynamicModule, type Provider } from '@nestjs/common';
import { GraphQLModule, type GraphQLWsSubscriptionsConfig } from '@nestjs/graphql';
import { specifiedRules, validate, type DocumentNode, type GraphQLSchema } from 'graphql';
import depthLimit from 'graphql-depth-limit';
import { NestflowModule, type NestflowModuleOptions } from '../index.js';
import { GreetFlows } from './greet/greet.flows.js';
import { PingPongFlows } from './ping-pong/ping-pong.flows.js';
import { ApprovalFlows } from './approval/approval.flows.js';
import { ShirtStockService } from './shop/shirt-stock.service.js';
import { ShopFlows } from './shop/shop.flows.js';

/** Deepest query the demo accepts (`flowRuns > edges > node > logs > message` is 5). */
export const MAX_QUERY_DEPTH = 10;

/**
 * The demo application: the seed's flows behind a GraphQL API (HTTP and graphql-ws on
 * `/graphql`) and the web inbox on `/ui`. A host app wires nestflow the same way.
 */
@Module({})
export class DemoModule {
  /** `extraProviders`: more flows and services (the durability tests add theirs). */
  static forRoot(nestflow: NestflowModuleOptions, extraProviders: Provider[] = []): DynamicModule {
    const validationRules = [depthLimit(MAX_QUERY_DEPTH)];
    return {
      module: DemoModule,
      imports: [
        NestflowModule.forRoot({ ...nestflow, ui: true }),
        GraphQLModule.forRoot<ApolloDriverConfig>({
          driver: ApolloDriver,
          autoSchemaFile: true,
          sortSchema: true,
          includeStacktraceInErrorResponses: false,
          validationRules,
          // Nest spreads these options into graphql-ws's useServer, which has no validationRules
          // option: its `validate` hook is the place for extra rules (Nest's type omits it).
          subscriptions: {
            'graphql-ws': {
              validate: (schema: GraphQLSchema, document: DocumentNode) =>
                validate(schema, document, [...specifiedRules, ...validationRules]),
            } as GraphQLWsSubscriptionsConfig,
          },
        }),
      ],
      providers: [ShirtStockService, ShopFlows, GreetFlows, PingPongFlows, ApprovalFlows, ...extraProviders],
    };
  }
}
