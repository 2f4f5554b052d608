import { createHash, timingSafeEqual } from 'node:crypto';
import type { AuthenticationRequest, Principal } from './principal.js';
import type { ResolvedApiKey } from './security.options.js';

const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest();

/** The key a request presents: `x-api-key`, `Authorization: Bearer`, or graphql-ws `connectionParams.apiKey`. */
export function presentedApiKey(request: AuthenticationRequest): string | null {
  const header = single(request.headers['x-api-key']);
  if (header) return header;
  const bearer = /^Bearer\s+(\S+)\s*$/i.exec(single(request.headers.authorization) ?? '');
  if (bearer) return bearer[1];
  const param = request.connectionParams?.apiKey;
  return typeof param === 'string' && param ? param : null;
}

/**
 * Matches presented keys against the configured ones by SHA-256 digest with a constant-time
 * compare, so neither the length nor the content of a key leaks through timing.
 */
export class ApiKeys {
  private readonly keys: Array<ResolvedApiKey & { digest: Buffer }>;

  constructor(keys: ResolvedApiKey[]) {
    this.keys = keys.map((key) => ({ ...key, digest: digest(key.key) }));
  }

  get size(): number {
    return this.keys.length;
  }

  principalFor(request: AuthenticationRequest): Principal | null {
    const presented = presentedApiKey(request);
    if (!presented || !this.keys.length) return null;
    const given = digest(presented);
    let found: (typeof this.keys)[number] | null = null;
    for (const key of this.keys) if (timingSafeEqual(key.digest, given) && !found) found = key;
    if (!found) return null;
    return { id: found.id ?? `api-key:${found.digest.toString('hex').slice(0, 12)}`, roles: [...found.roles] };
  }
}

function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
