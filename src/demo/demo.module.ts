import { ApolloDriver, type ApolloDriverConfig } from '@nestjs/apollo';
import { Module, type DynamicModule, type Provider } from '@nestjs/common';
import { GraphQLModule } from '@nestjs/graphql';
import { TerminusModule } from '@nestjs/terminus';
import { NestflowGraphqlConfig, NestflowModule, type NestflowModuleOptions } from '../index.js';
import { NestflowHealthIndicator } from '../health/index.js';
import { HealthController } from './health/health.controller.js';
import { GreetFlows } from './greet/greet.flows.js';
import { PingPongFlows } from './ping-pong/ping-pong.flows.js';
import { ApprovalFlows } from './approval/approval.flows.js';
import { ExpenseApprovalFlows } from './expenses/expense-approval.flows.js';
import { ExpenseReminders } from './expenses/expense-reminders.listener.js';
import { ShirtStockService } from './shop/shirt-stock.service.js';
import { ShopFlows } from './shop/shop.flows.js';

/** Deepest query the demo accepts (`flowRuns > edges > node > logs > message` is 5). */
export const MAX_QUERY_DEPTH = 10;

/**
 * The demo application: the seed's flows behind a GraphQL API (HTTP and graphql-ws on
 * `/graphql`), the web inbox on `/ui`, Prometheus metrics on `/metrics` and health probes on
 * `/health/live` and `/health/ready`. A host app wires nestflow the same way.
 */
@Module({})
export class DemoModule {
  /** `extraProviders`: more flows and services (the durability tests add theirs). */
  static forRoot(nestflow: NestflowModuleOptions, extraProviders: Provider[] = []): DynamicModule {
    const limits = { maxQueryDepth: MAX_QUERY_DEPTH, ...nestflow.limits };
    return {
      module: DemoModule,
      imports: [
        NestflowModule.forRoot({ metrics: true, ...nestflow, limits, ui: true }),
        // nestflow's GraphQL security (depth and complexity limits, graphql-ws authentication at
        // connection_init, subscriptions per connection) comes from NestflowGraphqlConfig.
        TerminusModule,
        GraphQLModule.forRootAsync<ApolloDriverConfig>({
          driver: ApolloDriver,
          inject: [NestflowGraphqlConfig],
          useFactory: (config: NestflowGraphqlConfig) => ({
            autoSchemaFile: true,
            sortSchema: true,
            includeStacktraceInErrorResponses: false,
            ...config.apolloOptions(),
          }),
        }),
      ],
      controllers: [HealthController],
      providers: [
        ShirtStockService,
        ShopFlows,
        GreetFlows,
        PingPongFlows,
        ApprovalFlows,
        ExpenseApprovalFlows,
        ExpenseReminders,
        NestflowHealthIndicator,
        ...extraProviders,
      ],
    };
  }
}
