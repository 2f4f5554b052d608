import type { InputClass, RunInput } from '../inputs/run-input.js';
import type { ReceivedInput } from './receive.executor.js';
import { requireRunContext, type RunContext } from './run-context.js';
import { executorsOf } from './run-executors.provider.js';
import type { SentInput } from './send.executor.js';

/** Options of `receiveInput`. */
export interface ReceiveInputOptions {
  /** Seconds to wait for each input. Default 3600. Iteration ends on timeout; `next()` throws PauseTimeoutError. */
  timeout?: number;
  /** Only the message sent with this key. */
  key?: string;
}

/** A received input with its metadata and a way to answer the run that sent it. */
export interface InputWithMetadata<T> extends ReceivedInput<T> {
  /** Sends `value` to the sender run (an error if a service, not a flow, sent the input). */
  respond(value: RunInput, options?: { key?: string }): Promise<SentInput>;
}

/**
 * Inputs addressed to this run, of one of the given classes, oldest first: `await` it for the
 * next one, or `for await` over them. Each is delivered once per key, durably: a replay gets the
 * same inputs in the same order. Inputs sent before the flow waits are kept until it does.
 */
export class InputReceiver<T> implements AsyncIterable<T>, PromiseLike<T> {
  constructor(private readonly next: () => Promise<T>) {}

  then<R1 = T, R2 = never>(
    onfulfilled?: ((value: T) => R1 | PromiseLike<R1>) | null,
    onrejected?: ((reason: unknown) => R2 | PromiseLike<R2>) | null,
  ) {
    return this.next().then(onfulfilled, onrejected);
  }

  async *[Symbol.asyncIterator](): AsyncIterator<T> {
    for (;;) {
      try {
        yield await this.next();
      } catch (error) {
        if ((error as { code?: string }).code === 'PAUSE_TIMEOUT') return;
        throw error;
      }
    }
  }
}

type Classes<T extends RunInput> = InputClass<T> | InputClass<T>[];

export function receiveInput<T extends RunInput>(
  inputType: Classes<T>,
  options: ReceiveInputOptions & { withMetadata: true },
): InputReceiver<InputWithMetadata<T>>;
export function receiveInput<T extends RunInput>(
  inputType: Classes<T>,
  options?: ReceiveInputOptions & { withMetadata?: false },
): InputReceiver<T>;
export function receiveInput<T extends RunInput>(
  inputType: Classes<T>,
  options: ReceiveInputOptions & { withMetadata?: boolean } = {},
): InputReceiver<T | InputWithMetadata<T>> {
  const context = requireRunContext('receiveInput');
  const classes = (Array.isArray(inputType) ? inputType : [inputType]) as InputClass[];
  return new InputReceiver(async () => {
    const received = await executorsOf(context).receiver.receive<T>(
      context,
      classes,
      options.key ?? null,
      options.timeout ?? 3600,
    );
    if (!options.withMetadata) return received.value;
    return {
      ...received,
      respond: (value, respondOptions) => respondTo(context, received.senderRunId, value, respondOptions?.key),
    };
  });
}

/**
 * Sends a typed input to another run's mailbox from inside a flow. The key defaults to one
 * derived from this run and the call's order, so a replay does not send twice.
 */
export function sendInput(runId: string, value: RunInput, options: { key?: string } = {}): Promise<SentInput> {
  const context = requireRunContext('sendInput');
  const key = options.key ?? context.journal.sendKey();
  return executorsOf(context).sender.send(runId, value, { key, senderRunId: context.run.id });
}

function respondTo(context: RunContext, senderRunId: string | null, value: RunInput, key?: string): Promise<SentInput> {
  if (!senderRunId) throw new Error('This input was not sent by a flow run; there is no run to respond to.');
  const derived = key ?? context.journal.sendKey();
  return executorsOf(context).sender.send(senderRunId, value, { key: derived, senderRunId: context.run.id });
}
