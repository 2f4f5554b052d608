/** Options of the web inbox (`NestflowModule.forRoot({ ui })` or `NestflowUiModule.forRoot`). */
export interface NestflowUiOptions {
  /** URL path the web app is served under. Default `'/ui'`. */
  path?: string;
  /** Where the browser finds the GraphQL API (HTTP and graphql-ws). Default `'/graphql'`. */
  graphqlPath?: string;
  /** Directory with the built app (`index.html`, `assets/`). Default: nestflow's own `dist/ui`. */
  rootPath?: string;
  /**
   * The host app's own login page, for a `security.authenticate` that reads the host's session
   * (a cookie: the inbox sends same-origin credentials). The inbox's sign-in screen links to it
   * when a request is refused as unauthenticated, next to the API key field. Default none.
   */
  signInUrl?: string;
}

/** UI options with every default filled in. */
export interface ResolvedNestflowUiOptions {
  path: string;
  graphqlPath: string;
  rootPath: string | undefined;
  signInUrl: string | undefined;
}

export function resolveUiOptions(options: NestflowUiOptions = {}): ResolvedNestflowUiOptions {
  return {
    path: normalizePath(options.path ?? '/ui'),
    graphqlPath: options.graphqlPath ?? '/graphql',
    rootPath: options.rootPath,
    signInUrl: options.signInUrl || undefined,
  };
}

/** `ui/` and `/ui/` both mean `/ui`; the root stays `/`. */
function normalizePath(path: string): string {
  const trimmed = path.replace(/^\/+|\/+$/g, '');
  return trimmed ? `/${trimmed}` : '/';
}
