import { Logger, type LoggerService } from '@nestjs/common';
import type { LogLevel } from '../persistence/entities/index.js';
import type { LogWriter } from './log.writer.js';

/**
 * A Nest-compatible logger bound to one run: every line goes to the Nest logger and to the
 * run's stored logs (and the `flowRunLogs` subscription).
 */
export class RunLogger implements LoggerService {
  private nestLogger?: Logger;

  constructor(
    private readonly runId: string,
    private readonly flowName: string,
    private readonly writer: LogWriter,
    /** While a replay re-runs code that already ran, its lines were stored the first time. */
    private readonly replaying: () => boolean = () => false,
  ) {}

  log(message: unknown): void {
    if (this.write('info', message)) this.nest.log(message);
  }

  info(message: unknown): void {
    this.log(message);
  }

  warn(message: unknown): void {
    if (this.write('warn', message)) this.nest.warn(message);
  }

  error(message: unknown, stack?: string): void {
    if (!this.write('error', message)) return;
    if (stack) this.nest.error(message, stack);
    else this.nest.error(message);
  }

  debug(message: unknown): void {
    if (this.write('debug', message)) this.nest.debug(message);
  }

  verbose(message: unknown): void {
    if (this.write('verbose', message)) this.nest.verbose(message);
  }

  fatal(message: unknown): void {
    if (this.write('fatal', message)) this.nest.fatal(message);
  }

  /** Created on first use: most paused runs never log while they wait. */
  private get nest(): Logger {
    return (this.nestLogger ??= new Logger(`${this.flowName} ${this.runId.slice(0, 8)}`));
  }

  /** Resolves when every line written so far is stored. */
  flush(): Promise<void> {
    return this.writer.flush();
  }

  /** Stores the line; false (and nothing printed either) while a replay re-runs code that logged before. */
  private write(level: LogLevel, message: unknown): boolean {
    if (this.replaying()) return false;
    const text = typeof message === 'string' ? message : message instanceof Error ? message.message : JSON.stringify(message);
    this.writer.append({ runId: this.runId, level, message: text, timestamp: new Date() });
    return true;
  }
}
