import type { IncomingMessage } from 'node:http';
import type { Principal } from '../../security/principal.js';

/** Who limits count against: the principal, or the client's address when anonymous. */
export function clientKey(principal: Principal | null, request: IncomingMessage | undefined): string {
  if (principal) return `principal:${principal.id}`;
  const address = (request as (IncomingMessage & { ip?: string }) | undefined)?.ip ?? request?.socket?.remoteAddress;
  return `address:${address ?? 'unknown'}`;
}
