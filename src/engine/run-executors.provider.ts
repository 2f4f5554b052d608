import { Injectable } from '@nestjs/common';
import { PatchExecutor } from './patch.executor.js';
import { PauseExecutor } from './pause.executor.js';
import { ReceiveExecutor } from './receive.executor.js';
import type { RunContext } from './run-context.js';
import { SendExecutor } from './send.executor.js';

/** The executors every run context gets, as one injectable. */
@Injectable()
export class RunExecutorsProvider {
  constructor(
    readonly pauses: PauseExecutor,
    readonly receiver: ReceiveExecutor,
    readonly sender: SendExecutor,
    readonly patches: PatchExecutor,
  ) {}
}

/** The executors a run context was given (the runner gives every context the provider). */
export function executorsOf(context: RunContext): RunExecutorsProvider {
  return context.executors as RunExecutorsProvider;
}
