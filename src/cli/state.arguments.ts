import { InvalidArgumentError } from 'commander';
import { FlowRunState } from '../domain/flow-run-state.js';

export const STATES = Object.values(FlowRunState);

/** `--state paused,running --state failed`: repeatable, comma-separated, any case. */
export function parseStates(value: string, previous: FlowRunState[] = []): FlowRunState[] {
  const states = value
    .split(',')
    .map((state) => state.trim().toUpperCase())
    .filter(Boolean);
  const unknown = states.filter((state) => !STATES.includes(state as FlowRunState));
  if (unknown.length) throw new InvalidArgumentError(`Unknown state ${unknown.join(', ')}; use ${STATES.join(', ')}.`);
  return [...previous, ...(states as FlowRunState[])];
}
