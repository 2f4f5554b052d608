import type { FlowRun } from '../domain/flow-run.js';
import type { NestflowAction } from '../domain/nestflow-action.js';

/** Who is calling: returned by `security.authenticate`, or made from a matching API key. */
export interface Principal {
  /** Stable id; stored as `resumed_by` with every input this principal gives (audit). */
  id: string;
  /** Roles matched against `@Flow({ resumableBy })`. */
  roles?: string[];
  [key: string]: unknown;
}

export type { NestflowAction };

/** What `security.authenticate` sees of a request: HTTP headers, or a graphql-ws connection. */
export interface AuthenticationRequest {
  kind: 'http' | 'ws';
  /** HTTP request headers (over graphql-ws: the upgrade request's), lower-case names. */
  headers: Record<string, string | string[] | undefined>;
  /** graphql-ws `connection_init` payload; absent over HTTP. */
  connectionParams?: Record<string, unknown>;
}

/** The run (or, for `create`, only the flow) an action is about. */
export interface AuthorizationTarget {
  flowName: string;
  /** Null for `create`. */
  run: FlowRun | null;
  /** The flow's `@Flow({ resumableBy })`, null if it has none. */
  resumableBy: string[] | null;
}

/** Resolves a request to a principal, or null (unauthenticated). */
export type AuthenticateFn = (request: AuthenticationRequest) => Principal | null | Promise<Principal | null>;

/** True to allow. `principal` is null when authentication is off. */
export type AuthorizeFn = (
  principal: Principal | null,
  action: NestflowAction,
  target: AuthorizationTarget,
) => boolean | Promise<boolean>;
