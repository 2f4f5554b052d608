import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

/** The built app, read once at start-up: `index.html` and a map of every other file by URL path. */
export interface UiFiles {
  root: string;
  /** index.html with `<base href>` and the GraphQL path filled in; undefined when not built. */
  indexHtml: string | undefined;
  /** `/assets/index-abc.js` -> absolute path. Only these are served, so no path can escape the root. */
  files: Map<string, string>;
}

/** What the server tells the app through index.html. */
export interface UiPageConfig {
  basePath: string;
  graphqlPath: string;
  signInUrl?: string;
}

export function loadUiFiles(root: string, page: UiPageConfig): UiFiles {
  const indexFile = join(root, 'index.html');
  if (!existsSync(indexFile)) return { root, indexHtml: undefined, files: new Map() };
  const files = new Map<string, string>();
  for (const file of listFiles(root)) {
    const urlPath = `/${relative(root, file).split(sep).join('/')}`;
    if (urlPath !== '/index.html') files.set(urlPath, file);
  }
  return { root, indexHtml: injectConfig(readFileSync(indexFile, 'utf8'), page), files };
}

/**
 * The app is built with relative asset URLs (Vite `base: './'`); a `<base href>` makes them
 * resolve from any client-side route (`/ui/runs/<id>`) and under any mount path. The GraphQL
 * path and the host's sign-in page go in `<meta>` tags the app reads at start.
 */
function injectConfig(html: string, { basePath, graphqlPath, signInUrl }: UiPageConfig): string {
  const base = basePath.endsWith('/') ? basePath : `${basePath}/`;
  const tags = [
    `<base href="${escapeAttribute(base)}">`,
    `<meta name="nestflow-graphql" content="${escapeAttribute(graphqlPath)}">`,
    signInUrl ? `<meta name="nestflow-sign-in" content="${escapeAttribute(signInUrl)}">` : '',
  ];
  return html.replace(/<head>/i, `<head>${tags.join('')}`);
}

function escapeAttribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
}

function listFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    return entry.isDirectory() ? listFiles(path) : [path];
  });
}
