import ms from 'ms';
import { InvalidDurationError } from '../domain/errors/invalid-duration.error.js';

/** A length of time: seconds, or a number and a unit (`'30d'`, `'12h'`, `'90m'`, `'45s'`, `'2w'`). */
export type Duration = number | string;

/** Longer than this is "keep forever" in disguise, and would put the cut-off before any Date. */
const MAX_SECONDS = 100 * 365.25 * 86_400;
const BARE_NUMBER = /^\s*[-+]?(\d+\.?\d*|\.\d+)\s*$/;

/**
 * Seconds in `value`, or an InvalidDurationError naming `option`. A number, or a string that is
 * only a number, counts seconds (as every duration in nestflow's API): `ms` alone would read
 * `'100'` as milliseconds.
 */
export function parseDuration(value: unknown, option: string): number {
  const seconds = typeof value === 'number' ? value : typeof value === 'string' ? secondsIn(value.trim(), option) : undefined;
  if (seconds === undefined) throw new InvalidDurationError(option, value, 'not a number or a string');
  if (!Number.isFinite(seconds) || seconds <= 0) throw new InvalidDurationError(option, value, 'not positive');
  if (seconds > MAX_SECONDS)
    throw new InvalidDurationError(option, value, 'longer than 100 years; to keep forever, leave it out');
  return seconds;
}

function secondsIn(text: string, option: string): number {
  if (BARE_NUMBER.test(text)) return Number(text);
  const millis = text.length > 0 && text.length <= 100 ? ms(text) : undefined;
  if (millis === undefined) throw new InvalidDurationError(option, text, 'unknown format');
  return millis / 1000;
}
