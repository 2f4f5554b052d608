import { Inject, Injectable } from '@nestjs/common';
import { NESTFLOW_METRICS, type NestflowMetrics } from '../observability/nestflow-metrics.js';
import { instanceToPlain } from 'class-transformer';
import { EVENT_BUS, type EventBus } from '../events/event-bus.js';
import { InputTypeRegistry } from '../inputs/input-type.registry.js';
import { validateInput } from '../inputs/input-validator.js';
import { RunInput } from '../inputs/run-input.js';
import { MailboxStore } from '../persistence/mailbox.store.js';
import { NESTFLOW_OPTIONS } from '../config/nestflow.constants.js';
import type { ResolvedNestflowOptions } from '../config/nestflow.options.js';
import { STORED_KEY_LENGTH } from '../domain/stored-key-length.js';
import { RunStore } from '../persistence/run.store.js';
import type { RequestToStore } from '../persistence/sql/hot-statements.js';
import { canonicalJson } from '../domain/client-request.js';
import { IdempotencyKeyReusedError } from '../domain/errors/idempotency-key-reused.error.js';
import { FlowRunNotFoundError } from '../domain/errors/flow-run-not-found.error.js';
import { InputValidationError } from '../domain/errors/input-validation.error.js';
import { InvalidStateTransitionError } from '../domain/errors/invalid-state-transition.error.js';
import { KeyTooLongError } from '../domain/errors/key-too-long.error.js';
import { UnknownInputTypeError } from '../domain/errors/unknown-input-type.error.js';
import { isTerminal } from '../domain/state-machine.js';

/** What a send stored. */
export interface SentInput {
  runId: string;
  key: string;
  inputType: string;
  /** True when a message with this key had been sent before (nothing new was stored). */
  duplicate: boolean;
}

/** Puts a validated input in a run's mailbox and wakes the run wherever it waits. */
@Injectable()
export class SendExecutor {
  constructor(
    @Inject(NESTFLOW_OPTIONS) private readonly options: ResolvedNestflowOptions,
    @Inject(EVENT_BUS) private readonly bus: EventBus,
    private readonly mailbox: MailboxStore,
    private readonly runs: RunStore,
    private readonly inputTypes: InputTypeRegistry,
    @Inject(NESTFLOW_METRICS) private readonly metrics: NestflowMetrics,
  ) {}

  /**
   * `value` is a RunInput instance, or plain JSON with `inputType` naming its class. It is
   * validated like a resume; the sender gets the violations and nothing is stored. A key longer
   * than `limits.maxKeyLength`, or a run with `limits.maxMailboxMessages` messages waiting, is
   * refused (KeyTooLongError, MailboxFullError) and nothing is stored either.
   */
  async send(
    runId: string,
    value: unknown,
    options: { key?: string; inputType?: string; senderRunId?: string | null; request?: RequestToStore | null },
  ): Promise<SentInput> {
    const maxKeyLength = Math.min(this.options.limits.maxKeyLength, STORED_KEY_LENGTH);
    if (options.key !== undefined && options.key.length > maxKeyLength)
      throw new KeyTooLongError(options.key.length, maxKeyLength, 'key', runId);
    const inputType = value instanceof RunInput ? value.constructor.name : options.inputType;
    if (!inputType) {
      throw new InputValidationError(
        [{ path: 'inputType', constraints: { isDefined: 'say which input class this is (inputType)' } }],
        null,
        runId,
      );
    }
    const inputClass = this.inputTypes.get(inputType);
    if (!inputClass) throw new UnknownInputTypeError(inputType);
    const run = await this.runs.findRun(runId);
    if (!run) throw new FlowRunNotFoundError(runId);
    if (isTerminal(run.state)) throw new InvalidStateTransitionError(run.state, 'receiving input', runId);
    const plain = value instanceof RunInput ? instanceToPlain(value) : value;
    const validated = await validateInput(inputClass, plain, null).catch((error: unknown) => {
      if (error instanceof InputValidationError) {
        this.metrics.inputRefused(run.flowName, inputType);
        throw new InputValidationError(error.violations, inputType, runId);
      }
      throw error;
    });
    const key = options.key ?? `send-${crypto.randomUUID()}`;
    const senderRunId = options.senderRunId ?? null;
    // Only flow code passes senderRunId: a client's key, however it is spelt, is never a flow's.
    const origin = senderRunId ? 'flow' : 'client';
    const message = { runId, origin, key, inputType, value: instanceToPlain(validated), senderRunId } as const;
    const maxWaiting = this.options.limits.maxMailboxMessages;
    const { message: stored, duplicate } = await this.mailbox.send(message, maxWaiting, options.request ?? undefined);
    // A client's key names one message: the same key with other content is refused, not dropped
    // silently. (A flow's own sends keep no-op semantics: its replay re-sends under the same key.)
    if (duplicate && !message.senderRunId && !sameMessage(stored, message))
      throw new IdempotencyKeyReusedError('key', key, runId);
    if (!duplicate) this.bus.publish({ type: 'run.input', runId, flowName: run.flowName, key, inputType });
    return { runId, key, inputType, duplicate };
  }
}

function sameMessage(a: { inputType: string; value: unknown }, b: { inputType: string; value: unknown }): boolean {
  return a.inputType === b.inputType && canonicalJson(a.value) === canonicalJson(b.value);
}
