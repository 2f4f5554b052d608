/** Where the app is mounted and where the API lives, as the server wrote them into index.html. */
function readConfig() {
  const meta = (name: string) => document.querySelector<HTMLMetaElement>(`meta[name="${name}"]`)?.content || null;
  const base = document.querySelector('base')?.getAttribute('href') ?? '/';
  const httpUrl = new URL(meta('nestflow-graphql') ?? '/graphql', window.location.origin);
  const wsUrl = new URL(httpUrl);
  wsUrl.protocol = httpUrl.protocol === 'https:' ? 'wss:' : 'ws:';
  return {
    /** `/ui` (no trailing slash; `''` at the root). */
    basePath: base.replace(/\/+$/, ''),
    graphqlHttpUrl: httpUrl.href,
    graphqlWsUrl: wsUrl.href,
    /** The host app's own login page (`ui.signInUrl`), if it has one. */
    signInUrl: meta('nestflow-sign-in'),
  };
}

export const config = readConfig();
