/** Where the app is mounted and where the API lives, as the server wrote them into index.html. */
function readConfig() {
  const base = document.querySelector('base')?.getAttribute('href') ?? '/';
  const graphqlPath = document.querySelector<HTMLMetaElement>('meta[name="nestflow-graphql"]')?.content || '/graphql';
  const httpUrl = new URL(graphqlPath, window.location.origin);
  const wsUrl = new URL(httpUrl);
  wsUrl.protocol = httpUrl.protocol === 'https:' ? 'wss:' : 'ws:';
  return {
    /** `/ui` (no trailing slash; `''` at the root). */
    basePath: base.replace(/\/+$/, ''),
    graphqlHttpUrl: httpUrl.href,
    graphqlWsUrl: wsUrl.href,
  };
}

export const config = readConfig();
