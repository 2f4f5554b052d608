import type { UiFiles } from './ui-files.js';

/** The few Express request/response members the handler uses (Express ships no types of its own). */
export interface UiRequest {
  method: string;
  path: string;
}
export interface UiResponse {
  status(code: number): UiResponse;
  setHeader(name: string, value: string): void;
  type(type: string): UiResponse;
  send(body: string): void;
  sendFile(path: string, options: { maxAge?: number; immutable?: boolean }, done: (error?: Error) => void): void;
}
export type NextFunction = (error?: unknown) => void;

const YEAR_MS = 365 * 24 * 3600 * 1000;

/**
 * Express middleware mounted at the UI path: built files as they are (hashed assets cached for
 * a year), every other GET a client-side route answered with index.html (SPA fallback).
 */
export function uiStaticHandler(ui: UiFiles) {
  return (req: UiRequest, res: UiResponse, next: NextFunction): void => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    if (ui.indexHtml === undefined) {
      res.status(503).type('text/plain').send('The nestflow UI is not built: run `npm run build:ui`.');
      return;
    }
    const file = ui.files.get(req.path);
    if (file) {
      const hashed = req.path.startsWith('/assets/');
      res.sendFile(file, hashed ? { maxAge: YEAR_MS, immutable: true } : {}, (error) => error && next(error));
      return;
    }
    if (req.path.startsWith('/assets/')) return next(); // a stale asset URL: 404, not HTML
    res.setHeader('Cache-Control', 'no-cache');
    res.type('text/html').send(ui.indexHtml);
  };
}
