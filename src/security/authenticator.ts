import { Inject, Injectable, Logger } from '@nestjs/common';
import { NESTFLOW_OPTIONS } from '../config/nestflow.constants.js';
import type { ResolvedNestflowOptions } from '../config/nestflow.options.js';
import { ApiKeys } from './api-keys.js';
import type { AuthenticationRequest, Principal } from './principal.js';

/** Turns a request into a principal with `security.authenticate`, then `security.apiKeys`. */
@Injectable()
export class NestflowAuthenticator {
  private readonly logger = new Logger('nestflow security');
  private readonly apiKeys: ApiKeys;

  constructor(@Inject(NESTFLOW_OPTIONS) private readonly options: ResolvedNestflowOptions) {
    this.apiKeys = new ApiKeys(options.security.apiKeys);
  }

  /** False when neither `authenticate` nor `apiKeys` is configured: every request is anonymous. */
  get enabled(): boolean {
    return Boolean(this.options.security.authenticate) || this.apiKeys.size > 0;
  }

  /** The principal, or null. A failing or malformed `authenticate` counts as null (and is logged). */
  async authenticate(request: AuthenticationRequest): Promise<Principal | null> {
    if (!this.enabled) return null;
    const custom = this.options.security.authenticate;
    if (custom) {
      try {
        const principal = await custom(request);
        if (principal) return checked(principal);
      } catch (error) {
        this.logger.warn(`security.authenticate failed, request refused: ${(error as Error)?.message ?? error}`);
      }
    }
    return this.apiKeys.principalFor(request);
  }
}

function checked(principal: Principal): Principal {
  if (typeof principal.id !== 'string' || !principal.id) {
    throw new TypeError('security.authenticate must return null or a principal with a non-empty string id');
  }
  if (
    principal.roles !== undefined &&
    !(Array.isArray(principal.roles) && principal.roles.every((role) => typeof role === 'string'))
  ) {
    throw new TypeError('security.authenticate returned a principal whose roles are not strings');
  }
  return principal;
}
