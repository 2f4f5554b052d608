import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { NESTFLOW_UI_OPTIONS } from './nestflow-ui.constants.js';
import type { ResolvedNestflowUiOptions } from './nestflow-ui.options.js';
import { defaultUiRoot } from './ui-root.js';
import { loadUiFiles } from './ui-files.js';
import { uiStaticHandler } from './ui-static.handler.js';

/**
 * Mounts the web inbox on the HTTP server. Runs at module init: after Nest's routes are
 * registered, before its catch-all 404 handler, like GraphQL's own middleware.
 */
@Injectable()
export class UiMounter implements OnModuleInit {
  private readonly logger = new Logger('NestflowUi');

  constructor(
    @Inject(NESTFLOW_UI_OPTIONS) private readonly options: ResolvedNestflowUiOptions,
    private readonly adapterHost: HttpAdapterHost,
  ) {}

  onModuleInit(): void {
    const adapter = this.adapterHost.httpAdapter;
    if (!adapter) return; // an application context without HTTP: nothing to serve
    if (adapter.getType() !== 'express') {
      this.logger.warn(
        `The nestflow UI needs @nestjs/platform-express; ${adapter.getType()} is not supported, ${this.options.path} stays unserved.`,
      );
      return;
    }
    const root = this.options.rootPath ?? defaultUiRoot();
    const ui = loadUiFiles(root ?? 'dist/ui', {
      basePath: this.options.path,
      graphqlPath: this.options.graphqlPath,
      signInUrl: this.options.signInUrl,
    });
    if (ui.indexHtml === undefined) {
      this.logger.warn(
        `The nestflow UI is not built (${ui.root}/index.html is missing): run \`npm run build:ui\`. ` +
          `${this.options.path} answers 503 until then.`,
      );
    }
    adapter.use(this.options.path, uiStaticHandler(ui));
  }
}
