import { NotSerializableError } from '../domain/errors/not-serializable.error.js';

/** Checks that `value` survives a JSON round trip well enough to be stored; returns it unchanged. */
export function toJsonValue<T>(value: T, what: string): T {
  if (value === undefined) return value;
  try {
    JSON.stringify(value);
  } catch (error) {
    throw new NotSerializableError(what, (error as Error).message);
  }
  if (typeof value === 'function' || typeof value === 'symbol') {
    throw new NotSerializableError(what, `got a ${typeof value}`);
  }
  return value;
}
