import type { CliError } from './cli.error.js';
import { violationLines } from './format.js';

/**
 * Where a command's output goes. Results go to stdout: text for people, or with `--json` one
 * JSON document (one per line for `runs watch`). Errors and notes go to stderr; with `--json`
 * an error is one JSON line `{ "error": { … } }`.
 */
export class Output {
  constructor(
    readonly json: boolean,
    private readonly stdout: NodeJS.WritableStream = process.stdout,
    private readonly stderr: NodeJS.WritableStream = process.stderr,
  ) {}

  /** A command's result: `lines` for people, `data` for `--json`. */
  result(data: unknown, lines: () => string[]): void {
    if (this.json) this.stdout.write(`${JSON.stringify(data)}\n`);
    else
      this.stdout.write(
        lines()
          .map((line) => `${line}\n`)
          .join(''),
      );
  }

  /** A note for people (progress, hints), on stderr so it never mixes with results. */
  note(message: string): void {
    this.stderr.write(`${message}\n`);
  }

  error(error: CliError): void {
    if (this.json) {
      const { exitCode, code, message, violations } = error;
      const body = { exitCode, code, message, ...(violations.length ? { violations } : {}) };
      this.stderr.write(`${JSON.stringify({ error: body })}\n`);
      return;
    }
    if (!error.violations.length) {
      this.stderr.write(`Error: ${error.message}\n`);
      return;
    }
    const lines = [
      error.nestflowCode === 'PARAMETERS_VALIDATION_FAILED'
        ? 'The server rejected the parameters; no run was created. Fix these fields:'
        : 'The server rejected the input; the run is still waiting. Fix these fields:',
      ...violationLines(error.violations),
    ];
    this.stderr.write(lines.map((line) => `${line}\n`).join(''));
  }
}
