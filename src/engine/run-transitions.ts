import { Inject, Injectable } from '@nestjs/common';
import { EVENT_BUS, type EventBus } from '../events/event-bus.js';
import { ClientRequestStore } from '../persistence/client-request.store.js';
import { RunStore, type InputToStore, type RunPatch } from '../persistence/run.store.js';
import type { RequestToStore } from '../persistence/sql/hot-statements.js';
import { FlowRunState } from '../domain/flow-run-state.js';
import type { FlowRun } from '../domain/flow-run.js';

/** State changes plus their events: the engine never writes a state without telling the bus. */
@Injectable()
export class RunTransitions {
  constructor(
    private readonly store: RunStore,
    private readonly requests: ClientRequestStore,
    @Inject(EVENT_BUS) private readonly bus: EventBus,
  ) {}

  /**
   * Guarded move; null when another writer changed the run first. With `request` (a client's
   * requestId), its record is stored by the same statement (null as well if the id is taken).
   */
  async move(
    run: FlowRun,
    to: FlowRunState,
    message: string | null = null,
    patch: RunPatch = {},
    request?: RequestToStore,
  ): Promise<FlowRun | null> {
    const moved = request
      ? await this.requests.moveFor(request, run, to, message, patch)
      : await this.store.transition(run, to, message, patch);
    if (moved) this.announce(moved, run.state);
    return moved;
  }

  /** Stores the outcome of a pause (an input, or its timeout) and moves the run on, atomically. */
  async resume(
    run: FlowRun,
    to: FlowRunState,
    input: InputToStore,
    message = `Resumed with input "${input.key}"`,
  ): Promise<FlowRun | null> {
    const moved = await this.store.storeInputAndResume(run, to, input, message);
    if (moved) {
      if (input.outcome !== 'timeout') {
        this.bus.publish({ type: 'run.resumed', runId: run.id, flowName: run.flowName, key: input.key });
      }
      this.announce(moved, run.state);
    }
    return moved;
  }

  /**
   * Publishes the state change, and `run.paused` when the run starts waiting (from RUNNING): a
   * PAUSED run handed over as SUSPENDED is the same pause, not a new one to announce.
   */
  announce(run: FlowRun, from?: FlowRunState): void {
    this.bus.publish({ type: 'run.state', runId: run.id, flowName: run.flowName, state: run.state, run });
    const waiting = run.state === FlowRunState.PAUSED || run.state === FlowRunState.SUSPENDED;
    if (waiting && from === FlowRunState.RUNNING) {
      this.bus.publish({ type: 'run.paused', runId: run.id, flowName: run.flowName, run });
    }
  }
}
