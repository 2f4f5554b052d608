/** Scrapes `/metrics` of the app whose GraphQL endpoint is `graphqlUrl`. */
export async function scrape(graphqlUrl: string): Promise<{ contentType: string | null; text: string }> {
  const response = await fetch(new URL('/metrics', graphqlUrl));
  if (!response.ok) throw new Error(`GET /metrics answered ${response.status}`);
  return { contentType: response.headers.get('content-type'), text: await response.text() };
}

/**
 * The value of one sample in Prometheus text: `name` with exactly `labels` (in any order);
 * undefined when absent.
 */
export function sample(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  for (const line of text.split('\n')) {
    const match = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const found = Object.fromEntries([...(match[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((m) => [m[1], m[2]]));
    const keys = Object.keys(labels);
    if (keys.length === Object.keys(found).length && keys.every((key) => found[key] === labels[key])) return Number(match[3]);
  }
  return undefined;
}
