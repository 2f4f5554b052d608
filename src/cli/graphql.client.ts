import { CliError, type GraphqlErrorBody } from './cli.error.js';
import { ExitCode } from './exit-codes.js';
import type { ServerOptions } from './server.options.js';

interface GraphqlResponse<T> {
  data?: T | null;
  errors?: GraphqlErrorBody[];
}

/** Queries and mutations over HTTP POST; every failure becomes a CliError with its exit code. */
export class GraphqlClient {
  constructor(private readonly server: ServerOptions) {}

  async request<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
    const response = await this.post(JSON.stringify({ query, variables }));
    const text = await response.text();
    const body = parseBody<T>(text);
    if (response.status === 401 || response.status === 403) {
      throw CliError.unauthorized(body?.errors?.[0]?.message ?? `The server answered HTTP ${response.status}: check --api-key.`);
    }
    if (!body) {
      throw new CliError(
        `HTTP ${response.status} from ${this.server.url} is not a GraphQL answer; is --url the GraphQL endpoint (…/graphql)?`,
        ExitCode.UNEXPECTED,
        `HTTP_${response.status}`,
      );
    }
    if (body.errors?.length) throw CliError.fromGraphqlErrors(body.errors);
    if (!body.data) throw new CliError(`HTTP ${response.status} without data or errors.`, ExitCode.UNEXPECTED, 'NO_DATA');
    return body.data;
  }

  /**
   * A mutation that carries a `requestId`: tried up to `attempts` times while the server or its
   * database cannot be reached (0.5 s, then 1 s, apart). The requestId makes a retry of an attempt
   * that did take effect return its success instead of applying twice.
   */
  async requestIdempotent<T>(
    query: string,
    variables: Record<string, unknown> & { requestId: string },
    attempts = 3,
  ): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.request<T>(query, variables);
      } catch (error) {
        const transient = error instanceof CliError && (error.code === 'UNREACHABLE' || error.code === 'SERVICE_UNAVAILABLE');
        if (!transient) throw error;
        if (attempt >= attempts) {
          throw new CliError(
            `${error.message} Retry safely with --request-id ${variables.requestId}.`,
            error.exitCode,
            error.code,
          );
        }
        await new Promise((done) => setTimeout(done, 500 * attempt));
      }
    }
  }

  private async post(body: string): Promise<Response> {
    const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/json' };
    if (this.server.apiKey) headers['x-api-key'] = this.server.apiKey;
    try {
      return await fetch(this.server.url, { method: 'POST', headers, body, signal: AbortSignal.timeout(this.server.timeoutMs) });
    } catch (error) {
      throw CliError.unreachable(`Cannot reach ${this.server.url}: ${networkReason(error)}.`);
    }
  }
}

function parseBody<T>(text: string): GraphqlResponse<T> | undefined {
  try {
    const body = JSON.parse(text) as unknown;
    return body && typeof body === 'object' && ('data' in body || 'errors' in body) ? (body as GraphqlResponse<T>) : undefined;
  } catch {
    return undefined;
  }
}

/** fetch hides the socket error under `cause`: ECONNREFUSED, ENOTFOUND, … */
export function networkReason(error: unknown): string {
  if (error instanceof Error && error.name === 'TimeoutError') return 'no answer in time';
  const cause = (error as { cause?: { code?: string; message?: string } } | undefined)?.cause;
  return cause?.code ?? cause?.message ?? (error instanceof Error ? error.message : String(error));
}
