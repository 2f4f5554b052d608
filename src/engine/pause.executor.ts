import { Injectable } from '@nestjs/common';
import { InputTypeRegistry } from '../inputs/input-type.registry.js';
import type { InputRequest } from '../inputs/input-request.js';
import { schemaWithDefaults } from '../inputs/input-schema.js';
import { rebuildInput } from '../inputs/input-validator.js';
import { InitialDataRequest, type InputClass } from '../inputs/run-input.js';
import { DeterminismError } from '../runs/errors/determinism.error.js';
import { FlowRunCancelledError } from '../runs/errors/flow-run-cancelled.error.js';
import { PauseTimeoutError } from '../runs/errors/pause-timeout.error.js';
import { FlowRunState } from '../runs/flow-run-state.js';
import { DEFAULT_PAUSE_TIMEOUT_SECONDS, type PauseOptions } from './pause-options.js';
import type { RunContext, WaiterOutcome } from './run-context.js';
import { RunTransitions } from './run-transitions.js';

/** Does the work behind `pauseFlowRun`: record the request, wait in memory, time out. */
@Injectable()
export class PauseExecutor {
  constructor(
    private readonly transitions: RunTransitions,
    private readonly inputTypes: InputTypeRegistry,
  ) {}

  async pause(context: RunContext, options: PauseOptions): Promise<unknown> {
    context.throwIfStopped();
    const key = options.key ?? `pause-${context.nextIndex('pause')}`;
    const { inputClass, initialData } = unpack(options.waitForInput);
    if (inputClass) this.inputTypes.register(inputClass);

    // Replay first: an input accepted for this key before is the answer, without validating again.
    const recorded = context.recordedInputs.get(key);
    if (recorded) {
      if ((recorded.inputType ?? null) !== (inputClass?.name ?? null)) {
        throw new DeterminismError(context.run.id, key, `input ${recorded.inputType}`, `input ${inputClass?.name ?? 'none'}`);
      }
      return inputClass ? rebuildInput(inputClass, recorded.value) : undefined;
    }

    const timeout = options.timeout ?? DEFAULT_PAUSE_TIMEOUT_SECONDS;
    if (!(timeout > 0)) throw new RangeError(`pauseFlowRun timeout must be a positive number of seconds, got ${timeout}`);
    const expiresAt = new Date(Date.now() + timeout * 1000);
    const request: InputRequest = {
      key,
      inputType: inputClass?.name ?? null,
      schema: inputClass ? schemaWithDefaults(inputClass.jsonSchema(), initialData ?? {}) : null,
      initialData,
      description: options.description ?? null,
      expiresAt: expiresAt.toISOString(),
      suspended: false,
    };

    // Register the waiter before the PAUSED state is visible, so an immediate resume finds it.
    const outcome = new Promise<WaiterOutcome>((settle) => (context.waiter = { key, inputClass, settle }));
    const paused = await this.transitions.move(context.run, FlowRunState.PAUSED, describe(request), {
      inputRequest: request,
      pauseExpiresAt: expiresAt,
    });
    if (!paused) {
      context.waiter = null;
      throw context.stopError ?? new FlowRunCancelledError(context.run.id);
    }
    context.run = paused;
    if (context.waiter) {
      context.waiter.timer = setTimeout(() => void this.expire(context, key, timeout), timeout * 1000);
      context.waiter.timer.unref();
    }
    const result = await outcome;
    if (result.run) context.run = result.run;
    if (result.error) throw result.error;
    return result.value;
  }

  /** The in-memory timer fired: move back to RUNNING (unless a resume won) and throw in the flow. */
  private async expire(context: RunContext, key: string, timeout: number): Promise<void> {
    if (context.waiter?.key !== key) return;
    const moved = await this.transitions
      .move(context.run, FlowRunState.RUNNING, `Pause "${key}" timed out after ${timeout} s`, {
        inputRequest: null,
        pauseExpiresAt: null,
      })
      .catch(() => null);
    if (moved) context.settleWaiter({ run: moved, error: new PauseTimeoutError(context.run.id, key, timeout) });
  }
}

function unpack(waitFor: PauseOptions['waitForInput']): {
  inputClass: InputClass | null;
  initialData: Record<string, unknown> | null;
} {
  if (!waitFor) return { inputClass: null, initialData: null };
  if (waitFor instanceof InitialDataRequest) {
    return { inputClass: waitFor.inputClass, initialData: { ...(waitFor.initialData as Record<string, unknown>) } };
  }
  return { inputClass: waitFor, initialData: null };
}

function describe(request: InputRequest): string {
  return request.inputType ? `Waiting for ${request.inputType} input ("${request.key}")` : `Paused ("${request.key}")`;
}
