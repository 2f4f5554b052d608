import { Module, type DynamicModule } from '@nestjs/common';
import { NESTFLOW_UI_OPTIONS } from './nestflow-ui.constants.js';
import { resolveUiOptions, type NestflowUiOptions } from './nestflow-ui.options.js';
import { UiMounter } from './ui.mounter.js';

/**
 * The web inbox: runs, live logs and forms for paused runs, a static React app that talks to
 * the app's GraphQL API. `NestflowModule.forRoot({ ui: true })` imports it; a host may import it
 * on its own instead. Needs the Express platform.
 */
@Module({})
export class NestflowUiModule {
  static forRoot(options: NestflowUiOptions = {}): DynamicModule {
    return {
      module: NestflowUiModule,
      providers: [{ provide: NESTFLOW_UI_OPTIONS, useValue: resolveUiOptions(options) }, UiMounter],
    };
  }
}
