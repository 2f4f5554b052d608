import { Injectable } from '@nestjs/common';
import { PauseExecutor } from './pause.executor.js';
import { ReceiveExecutor } from './receive.executor.js';
import type { RunExecutors } from './run-context.js';
import { SendExecutor } from './send.executor.js';

/** The executors every run context gets, as one injectable. */
@Injectable()
export class RunExecutorsProvider implements RunExecutors {
  constructor(
    readonly pauses: PauseExecutor,
    readonly receiver: ReceiveExecutor,
    readonly sender: SendExecutor,
  ) {}
}
