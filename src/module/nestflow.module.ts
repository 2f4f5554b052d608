import { Module, type DynamicModule, type Provider } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { DiscoveryModule } from '@nestjs/core';
import { assertSupportedVersions } from '../compat/supported-versions.js';
import { engineProviders } from '../engine/engine.providers.js';
import { EVENT_BUS } from '../events/event-bus.js';
import { createEventBus } from '../events/event-bus.factory.js';
import { FlowRegistry } from '../flows/flow.registry.js';
import { FlowsExplorer } from '../engine/flows.explorer.js';
import { graphqlProviders } from '../graphql/graphql.providers.js';
import { NestflowGraphqlConfig } from '../graphql/nestflow-graphql.config.js';
import { notificationsProviders } from '../notifications/notifications.providers.js';
import { InputTypeRegistry } from '../inputs/input-type.registry.js';
import { NESTFLOW_OPTIONS } from '../config/nestflow.constants.js';
import { MetricsEndpoint } from './metrics.endpoint.js';
import { NestflowLifecycle } from './nestflow.lifecycle.js';
import {
  NESTFLOW_ASYNC_OPTIONS_TYPE,
  NESTFLOW_MODULE_OPTIONS,
  NESTFLOW_OPTIONS_TYPE,
  NestflowConfigurableModule,
} from './nestflow.module-definition.js';
import { resolveOptions, type NestflowModuleOptions, type ResolvedNestflowOptions } from '../config/nestflow.options.js';
import { createDataSource } from '../persistence/data-source.factory.js';
import { NESTFLOW_DATA_SOURCE } from '../persistence/data-source.token.js';
import { persistenceProviders } from '../persistence/persistence.providers.js';
import { metricsProvider } from '../observability/metrics.provider.js';
import { tracerProvider } from '../observability/tracer.provider.js';
import { apiProviders } from '../api/api.providers.js';
import { FlowRunService } from '../api/flow-run.service.js';
import { FlowVersionService } from '../api/flow-version.service.js';
import { NestflowHealth } from '../api/nestflow-health.service.js';
import { ResumeTokenService } from '../api/resume-token.service.js';
import { RetentionService } from '../api/retention.service.js';
import { RunAnswersService } from '../api/run-answers.service.js';
import { RunAccessPolicy } from '../security/run-access.policy.js';
import { securityProviders } from '../security/security.providers.js';
import { NestflowUiModule } from '../ui/nestflow-ui.module.js';
import type { NestflowUiOptions } from '../ui/nestflow-ui.options.js';

const coreProviders: Provider[] = [
  {
    provide: NESTFLOW_OPTIONS,
    inject: [NESTFLOW_MODULE_OPTIONS],
    useFactory: (options: NestflowModuleOptions) => resolveOptions(options),
  },
  {
    provide: NESTFLOW_DATA_SOURCE,
    inject: [NESTFLOW_OPTIONS],
    useFactory: (options: ResolvedNestflowOptions) => createDataSource(options),
  },
  {
    provide: EVENT_BUS,
    inject: [NESTFLOW_OPTIONS, NESTFLOW_DATA_SOURCE],
    useFactory: (options: ResolvedNestflowOptions, dataSource: DataSource) => createEventBus(options, dataSource),
  },
  metricsProvider,
  tracerProvider,
  ...persistenceProviders,
  ...engineProviders,
  ...notificationsProviders,
  ...securityProviders,
  FlowRegistry,
  InputTypeRegistry,
  FlowsExplorer,
  ...apiProviders,
  NestflowLifecycle,
  MetricsEndpoint,
];

/**
 * Durable interactive workflows. `forRoot(options)` / `forRootAsync({ useFactory, inject })`;
 * flows are `@Flow` methods of any provider in the app.
 */
@Module({})
export class NestflowModule extends NestflowConfigurableModule {
  static forRoot(options: typeof NESTFLOW_OPTIONS_TYPE = {}): DynamicModule {
    assertSupportedVersions();
    return withProviders(super.forRoot(options), options.graphql !== false, options.ui);
  }

  static forRootAsync(options: typeof NESTFLOW_ASYNC_OPTIONS_TYPE): DynamicModule {
    assertSupportedVersions();
    return withProviders(super.forRootAsync(options), options.graphql !== false, options.ui);
  }
}

function withProviders(definition: DynamicModule, graphql: boolean, ui: boolean | NestflowUiOptions = false): DynamicModule {
  const uiModules = ui ? [NestflowUiModule.forRoot(ui === true ? {} : ui)] : [];
  return {
    ...definition,
    imports: [...(definition.imports ?? []), DiscoveryModule, ...uiModules],
    providers: [...(definition.providers ?? []), ...coreProviders, ...(graphql ? graphqlProviders : [])],
    exports: [
      FlowRunService,
      FlowVersionService,
      NestflowHealth,
      EVENT_BUS,
      FlowRegistry,
      NESTFLOW_DATA_SOURCE,
      ResumeTokenService,
      RetentionService,
      RunAnswersService,
      RunAccessPolicy,
      ...(graphql ? [NestflowGraphqlConfig] : []),
    ],
  };
}
