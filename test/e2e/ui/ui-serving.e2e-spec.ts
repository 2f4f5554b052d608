import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Logger } from '@nestjs/common';
import { afterAll, afterEach, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { NestflowModule, type NestflowUiOptions } from '../../../src/index.js';
import { startGraphqlApp, type GraphqlApp } from '../../helpers/graphql-app.js';
import { tempSqlite } from '../../helpers/temp-sqlite.js';

/** An app with nestflow (no GraphQL needed) serving the UI from `ui`; its base URL. */
async function startUiApp(ui?: boolean | NestflowUiOptions): Promise<{ app: GraphqlApp; base: string }> {
  const db = tempSqlite();
  const nestflow = NestflowModule.forRoot({ database: { type: 'sqlite', path: db.path }, graphql: false, ui });
  const app = await startGraphqlApp({ imports: [nestflow] }, db.cleanup);
  return { app, base: app.httpUrl.replace(/\/graphql$/, '') };
}

describe('NestflowUiModule serving the built app', () => {
  const root = mkdtempSync(join(tmpdir(), 'nestflow-ui-'));
  let started: { app: GraphqlApp; base: string };

  beforeAll(async () => {
    mkdirSync(join(root, 'assets'));
    writeFileSync(join(root, 'index.html'), '<!doctype html><html><head><title>t</title></head><body></body></html>');
    writeFileSync(join(root, 'assets', 'app-1a2b.js'), 'console.log("app");');
    started = await startUiApp({
      path: 'inbox/',
      graphqlPath: '/api/graphql',
      rootPath: root,
      signInUrl: '/login?next=/inbox&from="ui"',
    });
  });

  afterAll(async () => {
    await started?.app.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('answers the mount path and any client-side route with index.html, configured for the mount and the sign-in page', async () => {
    for (const path of ['/inbox', '/inbox/', '/inbox/runs/8a7c']) {
      const response = await fetch(`${started.base}${path}`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^text\/html/);
      expect(response.headers.get('cache-control')).toBe('no-cache');
      const html = await response.text();
      expect(html).toContain('<head><base href="/inbox/"><meta name="nestflow-graphql" content="/api/graphql">');
      expect(html).toContain('<meta name="nestflow-sign-in" content="/login?next=/inbox&amp;from=&quot;ui&quot;">');
    }
  });

  it('serves hashed assets with a long cache life, and 404s unknown assets instead of returning HTML', async () => {
    const asset = await fetch(`${started.base}/inbox/assets/app-1a2b.js`);
    expect(asset.status).toBe(200);
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(await asset.text()).toBe('console.log("app");');
    expect((await fetch(`${started.base}/inbox/assets/gone-9f9f.js`)).status).toBe(404);
  });

  it('serves only files of the build: an encoded ../ gets index.html, and other methods are not handled', async () => {
    const escape = await fetch(`${started.base}/inbox/%2e%2e/%2e%2e/package.json`);
    expect(await escape.text()).not.toContain('"name"');
    expect((await fetch(`${started.base}/inbox/`, { method: 'POST' })).status).toBe(404);
  });
});

describe('NestflowModule ui option', () => {
  afterEach(() => {
    jest.restoreAllMocks();
  });

  it('warns clearly and answers 503 when the app is not built, instead of failing to start', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'nestflow-ui-empty-'));
    const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    const { app, base } = await startUiApp({ rootPath: empty });
    try {
      expect(warn).toHaveBeenCalledWith(expect.stringContaining('The nestflow UI is not built'));
      const response = await fetch(`${base}/ui`);
      expect(response.status).toBe(503);
      expect(await response.text()).toContain('npm run build:ui');
    } finally {
      await app.close();
      rmSync(empty, { recursive: true, force: true });
    }
  });

  it('is off unless asked for', async () => {
    const { app, base } = await startUiApp();
    try {
      expect((await fetch(`${base}/ui`)).status).toBe(404);
    } finally {
      await app.close();
    }
  });
});
