import { Inject, Injectable } from '@nestjs/common';
import { StepJournal } from '../engine/replay/step.journal.js';
import { inspectInput } from '../inputs/input-inspector.js';
import type { InputRequest } from '../domain/input-request.js';
import { NESTFLOW_OPTIONS } from '../config/nestflow.constants.js';
import type { ResolvedNestflowOptions } from '../config/nestflow.options.js';
import { rethrowStoreError } from '../persistence/store-errors.js';
import { clientRequest } from '../domain/client-request.js';
import { InputKeyMismatchError } from '../domain/errors/input-key-mismatch.error.js';
import { InvalidResumeTokenError } from '../domain/errors/invalid-resume-token.error.js';
import { RunNotPausedError } from '../domain/errors/run-not-paused.error.js';
import type { FlowRun } from '../domain/flow-run.js';
import { FlowRunService } from './flow-run.service.js';
import { IdempotentRequests } from './idempotent-requests.js';
import { WAITING_STATES } from '../domain/state-machine.js';
import { decodeResumeToken, encodeResumeToken, type ResumeTokenPayload } from '../security/resume-token.codec.js';

/** Options of `createResumeToken`. */
export interface ResumeTokenOptions {
  /** Seconds the token is valid. Default `86400` (a day). */
  expiresIn?: number;
  /** Who the link is for (e.g. an e-mail address); stored as `resumed_by` "token:<subject>". Default: the token's nonce. */
  subject?: string;
}

const DEFAULT_EXPIRES_IN = 86_400;

/**
 * Signed resume links: a token answers one pause of one run, once, without an account. Single
 * use is durable because a pause key takes exactly one input (the unique (run, key) row written
 * with the resume): a token whose pause was answered can never resume again. An invalid input
 * does not spend it, so a person can correct the form.
 */
@Injectable()
export class ResumeTokenService {
  constructor(
    @Inject(NESTFLOW_OPTIONS) private readonly options: ResolvedNestflowOptions,
    private readonly runs: FlowRunService,
    private readonly journal: StepJournal,
    private readonly idempotent: IdempotentRequests,
  ) {}

  /** A token for pause `key` of run `runId` (HMAC-SHA256 with `security.resumeTokenSecret`). */
  async createResumeToken(runId: string, key: string, options: ResumeTokenOptions = {}): Promise<string> {
    const secret = this.options.security.resumeTokenSecret;
    if (!secret) throw new Error('Resume tokens need the option security.resumeTokenSecret (at least 32 characters).');
    const expiresIn = options.expiresIn ?? DEFAULT_EXPIRES_IN;
    if (!(expiresIn > 0)) throw new RangeError(`expiresIn must be a positive number of seconds, got ${expiresIn}`);
    await this.runs.getFlowRun(runId);
    const expiresAt = Math.floor(Date.now() / 1000 + expiresIn);
    return encodeResumeToken({ runId, key, expiresAt, subject: options.subject }, secret);
  }

  /** The input request a valid token answers (to show its form), with its run. */
  async requestFor(token: string): Promise<{ run: FlowRun; request: InputRequest }> {
    return this.waitingRun(this.verify(token)).catch(rethrowStoreError);
  }

  /**
   * Validates and stores `input` for the token's pause; InvalidResumeTokenError if it grants
   * nothing. With `requestId`, a retry of a use that took effect returns the run again (the same
   * record as resumeFlowRun's: the same run, key and input under the same id).
   */
  async resumeWithToken(token: string, input: unknown, options: { requestId?: string | null } = {}): Promise<FlowRun> {
    const payload = this.verify(token);
    inspectInput(input, this.options.limits, 'input', payload.runId);
    const request = clientRequest(options.requestId, 'resume', { runId: payload.runId, key: payload.key, input });
    return this.idempotent
      .once(
        request,
        () => this.use(payload, input, options.requestId ?? null),
        () => this.runs.getFlowRun(payload.runId),
      )
      .catch(rethrowStoreError);
  }

  private async use(payload: ResumeTokenPayload, input: unknown, requestId: string | null): Promise<FlowRun> {
    await this.waitingRun(payload);
    const resumedBy = `token:${payload.subject ?? payload.nonce}`;
    try {
      return await this.runs.resumeFlowRun(payload.runId, input, payload.key, { resumedBy, requestId });
    } catch (error) {
      // Answered or moved on between the check and the write (a concurrent use of the same link).
      if (error instanceof RunNotPausedError || error instanceof InputKeyMismatchError) throw await this.refusal(payload);
      throw error;
    }
  }

  /** The payload of a genuine, unexpired token (whether or not its pause still waits); InvalidResumeTokenError otherwise. */
  verify(token: string): ResumeTokenPayload {
    const secret = this.options.security.resumeTokenSecret;
    if (!secret) throw new InvalidResumeTokenError('disabled');
    return decodeResumeToken(token, secret);
  }

  private async waitingRun(payload: ResumeTokenPayload): Promise<{ run: FlowRun; request: InputRequest }> {
    const run = await this.runs.findFlowRun(payload.runId);
    const request = run?.inputRequest;
    if (run && request && WAITING_STATES.includes(run.state) && request.key === payload.key) return { run, request };
    throw await this.refusal(payload);
  }

  private async refusal(payload: ResumeTokenPayload): Promise<InvalidResumeTokenError> {
    const outcome = await this.journal.pauseOutcomeOf(payload.runId, payload.key);
    // A timeout that went on with its default answer expired the link as much as one that failed.
    const reason = !outcome ? 'wrong-key' : outcome.outcome === 'input' ? 'used' : 'expired';
    return new InvalidResumeTokenError(reason, payload.runId);
  }
}
