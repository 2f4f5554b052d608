/** Where a webhook is POSTed, and how it may be shown. */
export interface WebhookTarget {
  /** The URL without credentials: fetch refuses a URL that has them. */
  url: string;
  /** `Basic …` from the URL's credentials, if it had any. */
  authorization?: string;
  /** The URL with its credentials masked (`https://***@host/…`): the only form logged or stored. */
  shown: string;
}

/** Everything between `scheme://` and the last `@` before the path: user and password. */
const CREDENTIALS = /^([a-z][a-z0-9+.-]*:\/\/)[^/?#]*@/i;

/** Splits `https://user:password@host/…` into a URL to call, a basic authorization header and a masked URL. */
export function webhookTarget(url: string): WebhookTarget {
  const shown = url.replace(CREDENTIALS, '$1***@');
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    // fetch's own error will name the URL it was given: give it the masked one.
    return { url: shown, shown };
  }
  if (!parsed.username && !parsed.password) return { url, shown };
  const credentials = `${decode(parsed.username)}:${decode(parsed.password)}`;
  parsed.username = '';
  parsed.password = '';
  return { url: parsed.href, authorization: `Basic ${Buffer.from(credentials).toString('base64')}`, shown };
}

function decode(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
}
