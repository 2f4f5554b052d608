/**
 * Exit codes of the `nestflow` command line, stable across versions so scripts can branch on
 * them. docs/cli.md documents the same table.
 */
export const ExitCode = {
  /** The command did what it was asked. */
  OK: 0,
  /** Anything not listed below: a server error, an answer the CLI does not understand. */
  UNEXPECTED: 1,
  /** Bad flags or arguments, JSON that does not parse, a file that cannot be read. */
  USAGE: 2,
  /** The server refused the input or parameters (GraphQL `BAD_USER_INPUT`); nothing changed. */
  VALIDATION_FAILED: 3,
  /** No such run or flow (`NOT_FOUND`). */
  NOT_FOUND: 4,
  /** The run is not in a state that allows it: already resumed, not paused, finished (`CONFLICT`). */
  CONFLICT: 5,
  /** The API key is missing or wrong, or not allowed to do this (`UNAUTHENTICATED`, `FORBIDDEN`). */
  UNAUTHORIZED: 6,
  /**
   * No answer from the server URL (refused, unknown host, timed out, connection lost), or the
   * server's database is unavailable (`SERVICE_UNAVAILABLE`).
   */
  UNREACHABLE: 7,
} as const;

export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

/** Exit code per GraphQL `extensions.code`; other codes exit with UNEXPECTED. */
export const EXIT_CODE_BY_GRAPHQL_CODE: Readonly<Record<string, ExitCode>> = {
  BAD_USER_INPUT: ExitCode.VALIDATION_FAILED,
  NOT_FOUND: ExitCode.NOT_FOUND,
  CONFLICT: ExitCode.CONFLICT,
  UNAUTHENTICATED: ExitCode.UNAUTHORIZED,
  FORBIDDEN: ExitCode.UNAUTHORIZED,
  SERVICE_UNAVAILABLE: ExitCode.UNREACHABLE,
};
