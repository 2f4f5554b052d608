import { ConfigurableModuleBuilder } from '@nestjs/common';
import type { NestflowModuleOptions } from '../config/nestflow.options.js';
import type { NestflowUiOptions } from '../ui/nestflow-ui.options.js';

/** Static switches of `forRoot`/`forRootAsync`, decided when the module is imported. */
export interface NestflowModuleExtras {
  /** Register FlowRunService & co. globally. Default `true`. */
  isGlobal?: boolean;
  /**
   * Add nestflow's GraphQL resolvers; the app's own `GraphQLModule` (code-first) picks them up.
   * Default `true`.
   */
  graphql?: boolean;
  /**
   * Serve the web inbox (a static app on top of the GraphQL API) at `/ui`, or as set in the
   * options. Needs `graphql` and the Express platform. Default `false`.
   */
  ui?: boolean | NestflowUiOptions;
}

export const {
  ConfigurableModuleClass: NestflowConfigurableModule,
  MODULE_OPTIONS_TOKEN: NESTFLOW_MODULE_OPTIONS,
  OPTIONS_TYPE: NESTFLOW_OPTIONS_TYPE,
  ASYNC_OPTIONS_TYPE: NESTFLOW_ASYNC_OPTIONS_TYPE,
} = new ConfigurableModuleBuilder<NestflowModuleOptions>()
  .setClassMethodName('forRoot')
  .setExtras<NestflowModuleExtras>({ isGlobal: true, graphql: true, ui: false }, (definition, extras) => ({
    ...definition,
    global: extras.isGlobal,
  }))
  .build();
