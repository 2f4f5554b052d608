import { InvalidArgumentError } from 'commander';

/** `--limit <n>`: a whole number from 1 to `max`. */
export function limitParser(max: number): (value: string) => number {
  return (value) => {
    const limit = Number(value);
    if (!Number.isInteger(limit) || limit < 1 || limit > max)
      throw new InvalidArgumentError(`Use a whole number from 1 to ${max}.`);
    return limit;
  };
}
