import { requireRunContext } from './run-context.js';
import type { RunLogger } from './run-logger.js';

/** The logger of the flow run executing this code: lines go to the Nest logger and the run's logs. */
export function getRunLogger(): RunLogger {
  return requireRunContext('getRunLogger').logger;
}
