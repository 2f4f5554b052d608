import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

/**
 * The web inbox, built into nestflow's `dist/ui` (served by NestflowUiModule). Relative asset
 * URLs (`base: './'`): the server adds a `<base href>` for whatever path it mounts the app on.
 * `npm run dev:ui` serves it with hot reload against a demo on :3000 (`npm start`).
 */
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: './',
  build: {
    outDir: fileURLToPath(new URL('../dist/ui', import.meta.url)),
    emptyOutDir: true,
    chunkSizeWarningLimit: 1024,
    rolldownOptions: {
      // rjsf marks its hooks 'use client' for React Server Components; meaningless in a plain SPA.
      onwarn(warning, warn) {
        if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') warn(warning);
      },
    },
  },
  server: {
    proxy: { '/graphql': { target: 'http://localhost:3000', ws: true } },
  },
});
