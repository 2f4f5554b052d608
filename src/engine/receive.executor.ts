import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { EVENT_BUS, type EventBus } from '../events/event-bus.js';
import { InputTypeRegistry } from '../inputs/input-type.registry.js';
import { rebuildInput } from '../inputs/input-validator.js';
import type { InputClass } from '../inputs/run-input.js';
import { choiceSchema } from '../inputs/input-choice.js';
import { titleOfClasses } from '../inputs/input-title.js';
import type { ReceiveRequest } from '../domain/receive-request.js';
import type { MailboxMessageEntity } from '../persistence/entities/index.js';
import { PauseTimeoutError } from '../domain/errors/pause-timeout.error.js';
import { receiveKey } from './replay/durable-step.js';
import { StepJournal } from './replay/step.journal.js';
import type { RunContext } from './run-context.js';
import { ReceivingMark } from './receiving.mark.js';
import { RunTransitions } from './run-transitions.js';

/** A received input with where it came from. */
export interface ReceivedInput<T> {
  value: T;
  key: string;
  inputType: string;
  /** The run that sent it, when a flow sent it; `respond()` answers that run. */
  senderRunId: string | null;
}

/**
 * The work behind `receiveInput`: each receive is a durable step that takes the oldest unread
 * message of the wanted types from the run's mailbox (on replay, the journal answers with the one it took),
 * waiting for a `run.input` event when the mailbox is empty. A timeout is recorded too, so a
 * replay times out at the same place.
 */
@Injectable()
export class ReceiveExecutor implements OnModuleInit {
  private readonly waiting = new Set<() => void>();

  constructor(
    @Inject(EVENT_BUS) private readonly bus: EventBus,
    private readonly journal: StepJournal,
    private readonly inputTypes: InputTypeRegistry,
    private readonly transitions: RunTransitions,
  ) {}

  onModuleInit(): void {
    // After a bus reconnect a send may have been missed: every waiting receive looks again.
    this.bus.onResync(() => this.waiting.forEach((wake) => wake()));
  }

  async receive<T>(
    context: RunContext,
    classes: InputClass[],
    key: string | null,
    timeoutSeconds: number,
  ): Promise<ReceivedInput<T>> {
    context.throwIfStopped();
    const answer = context.journal.take({ kind: 'receive', inputClasses: classes, timeout: timeoutSeconds });
    classes.forEach((inputClass) => this.inputTypes.register(inputClass));
    if (answer.replayed) return this.toReceived(answer.value, classes);
    const { step } = answer;

    const names = classes.map((inputClass) => inputClass.name);
    const deadline = Date.now() + timeoutSeconds * 1000;
    let wake = () => undefined as void;
    const off = this.bus.subscribe('run.input', (event) => event.runId === context.run.id && wake());
    context.receiving = true;
    // Made on the first empty look only: a receive that finds its message at once sets no timer.
    let mark: ReceivingMark | null = null;
    try {
      for (;;) {
        const message = await context.durably(() => this.journal.receive(context.run.id, step, names, key));
        if (message) return this.toReceived(message, classes);
        const left = deadline - Date.now();
        if (left <= 0) break;
        mark ??= new ReceivingMark(
          context,
          (run, receiving) => this.transitions.markReceiving(run, receiving),
          () => receiveRequest(classes, key, deadline),
        );
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, left);
          timer.unref();
          wake = () => {
            clearTimeout(timer);
            resolve();
          };
          this.waiting.add(wake);
          void context.stopped.catch(wake);
        });
        this.waiting.delete(wake);
        context.throwIfStopped();
      }
    } finally {
      context.receiving = false;
      off();
      this.waiting.delete(wake);
      await mark?.end();
    }
    await context.durably(() => this.journal.recordReceiveTimeout(context.run.id, step));
    throw new PauseTimeoutError(context.run.id, receiveKey(step), timeoutSeconds);
  }

  private toReceived<T>(message: MailboxMessageEntity, classes: InputClass[]): ReceivedInput<T> {
    const inputClass =
      classes.find((candidate) => candidate.name === message.inputType) ?? this.inputTypes.get(message.inputType);
    const value = (inputClass ? rebuildInput(inputClass, message.value) : message.value) as T;
    return { value, key: message.key, inputType: message.inputType, senderRunId: message.senderRunId };
  }
}

/** What a receive waits for, as clients see it (the shape of a pause's request). */
function receiveRequest(classes: InputClass[], key: string | null, deadline: number): ReceiveRequest {
  return {
    inputTypes: classes.map((inputClass) => inputClass.name),
    title: titleOfClasses(classes),
    schema: classes.length > 1 ? choiceSchema(classes) : (classes[0]?.jsonSchema() ?? null),
    key,
    expiresAt: new Date(deadline).toISOString(),
  };
}
