import type { InputViolation } from '../domain/errors/input-validation.error.js';
import { EXIT_CODE_BY_GRAPHQL_CODE, ExitCode } from './exit-codes.js';

/** An error as the server reports it in `errors[]`. */
export interface GraphqlErrorBody {
  message: string;
  extensions?: { code?: string; violations?: InputViolation[]; [key: string]: unknown };
}

/** A failure the CLI reports and exits with: a message for people, a code for scripts. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: ExitCode,
    /** The server's `extensions.code` (`BAD_USER_INPUT`, …) or a CLI code (`USAGE`, `UNREACHABLE`). */
    readonly code: string,
    /** Rejected fields, when the server refused an input. */
    readonly violations: InputViolation[] = [],
    /** The server's `extensions.nestflowCode` (`PARAMETERS_VALIDATION_FAILED`, …), when it sent one. */
    readonly nestflowCode: string | null = null,
  ) {
    super(message);
    this.name = 'CliError';
  }

  /** Bad flags, arguments or JSON: the user can fix the command line. */
  static usage(message: string): CliError {
    return new CliError(message, ExitCode.USAGE, 'USAGE');
  }

  static unreachable(message: string): CliError {
    return new CliError(message, ExitCode.UNREACHABLE, 'UNREACHABLE');
  }

  static unauthorized(message: string): CliError {
    return new CliError(message, ExitCode.UNAUTHORIZED, 'UNAUTHENTICATED');
  }

  /** The first GraphQL error decides the exit code (one mutation per command: one error). */
  static fromGraphqlErrors(errors: GraphqlErrorBody[]): CliError {
    const [first] = errors;
    const code = first.extensions?.code ?? 'INTERNAL_SERVER_ERROR';
    const violations = Array.isArray(first.extensions?.violations) ? first.extensions.violations : [];
    const nestflowCode = typeof first.extensions?.nestflowCode === 'string' ? first.extensions.nestflowCode : null;
    return new CliError(first.message, EXIT_CODE_BY_GRAPHQL_CODE[code] ?? ExitCode.UNEXPECTED, code, violations, nestflowCode);
  }
}
