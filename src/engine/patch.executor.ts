import { Injectable } from '@nestjs/common';
import { STORED_KEY_LENGTH } from '../domain/stored-key-length.js';
import { StepJournal } from './replay/step.journal.js';
import type { RunContext } from './run-context.js';

/** The work behind `patched(id)`: ask the journal, and record the marker where a run first takes the patch. */
@Injectable()
export class PatchExecutor {
  constructor(private readonly journal: StepJournal) {}

  async patched(context: RunContext, id: string): Promise<boolean> {
    context.throwIfStopped();
    checkPatchId(id, 'patched');
    const answer = context.journal.patch(id);
    if (answer.record) await context.durably(() => this.journal.recordPatch(context.run, id, answer.step));
    return answer.patched;
  }

  deprecatePatch(context: RunContext, id: string): void {
    context.throwIfStopped();
    checkPatchId(id, 'deprecatePatch');
    context.journal.deprecatePatch(id);
  }
}

function checkPatchId(id: unknown, api: string): void {
  if (typeof id !== 'string' || !id || id.length > STORED_KEY_LENGTH) {
    throw new TypeError(
      `${api}(id) takes a non-empty string of at most ${STORED_KEY_LENGTH} characters, got ${JSON.stringify(id)}`,
    );
  }
}
