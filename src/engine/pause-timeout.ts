import { instanceToPlain } from 'class-transformer';
import { InputValidationError } from '../domain/errors/input-validation.error.js';
import { InvalidPauseDefaultError } from '../domain/errors/invalid-pause-default.error.js';
import type { TimeoutDefault } from '../domain/input-request.js';
import { pickInputType } from '../inputs/input-choice.js';
import { validateInput } from '../inputs/input-validator.js';
import type { InputClass } from '../inputs/run-input.js';
import { DEFAULT_PAUSE_TIMEOUT_SECONDS, type PauseOptions, type PauseTimeout } from './pause-options.js';

/** What a pause asked for: its classes and initial data, its key and run (named by errors). */
export interface PauseShape {
  runId: string;
  key: string;
  classes: InputClass[];
  initialData: Record<string, unknown> | null;
}

/** Seconds of `timeout` in either form (taken synchronously, with the pause's step). */
export function timeoutSeconds(timeout: PauseOptions['timeout']): number {
  if (timeout === undefined) return DEFAULT_PAUSE_TIMEOUT_SECONDS;
  return typeof timeout === 'object' && timeout !== null ? timeout.after : timeout;
}

/**
 * The default answer a `timeout: { then: 'resume' }` pause goes on with, validated now against the
 * pause's class as an answer would be (a choice's names its class in `inputType`), so a bad
 * default fails the flow here, before anything is stored, not at the deadline. Undefined when the
 * timeout fails the pause.
 */
export async function timeoutDefaultOf(
  timeout: PauseOptions['timeout'],
  pause: PauseShape,
  mode: string,
): Promise<TimeoutDefault | undefined> {
  if (typeof timeout !== 'object' || timeout === null) return undefined;
  const { then, with: given } = timeout as PauseTimeout;
  if (then !== 'fail' && then !== 'resume') {
    throw new RangeError(`${mode}FlowRun timeout.then must be 'fail' or 'resume', got ${String(then)}`);
  }
  if (then === 'fail') {
    if (given !== undefined) throw new RangeError(`${mode}FlowRun timeout.with needs then: 'resume' (then is 'fail')`);
    return undefined;
  }
  try {
    return await validDefault(given as Record<string, unknown> | undefined, pause);
  } catch (error) {
    if (!(error instanceof InputValidationError)) throw error;
    throw new InvalidPauseDefaultError(pause.runId, pause.key, error.inputType, error.violations);
  }
}

async function validDefault(given: Record<string, unknown> | undefined, pause: PauseShape): Promise<TimeoutDefault> {
  const { classes, initialData } = pause;
  if (!classes.length) {
    if (given !== undefined && given !== null && (typeof given !== 'object' || Object.keys(given).length)) {
      throw new InputValidationError(
        [{ path: '', constraints: { noInput: 'this pause takes no input: leave `with` out' } }],
        null,
      );
    }
    return { then: 'resume', inputType: null, value: null };
  }
  let inputClass = classes[0];
  let answer: unknown = given ?? {};
  if (classes.length > 1) {
    const choice = pickInputType(
      given,
      classes.map((candidate) => candidate.name),
    );
    inputClass = classes.find((candidate) => candidate.name === choice.name)!;
    answer = choice.rest;
  }
  const value = await validateInput(inputClass, answer, classes.length > 1 ? null : initialData);
  return { then: 'resume', inputType: inputClass.name, value: instanceToPlain(value) };
}
