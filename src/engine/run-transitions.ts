import { Inject, Injectable } from '@nestjs/common';
import { EVENT_BUS, type EventBus } from '../events/event-bus.js';
import type { NestflowEvent } from '../events/nestflow-event.js';
import { ClientRequestStore } from '../persistence/client-request.store.js';
import { RunStore, type InputToStore, type NotifyPeers, type RunPatch, type StepDiscard } from '../persistence/run.store.js';
import type { RequestToStore } from '../persistence/sql/hot-statements.js';
import { FlowRunState } from '../domain/flow-run-state.js';
import { isTerminal } from '../domain/state-machine.js';
import { NESTFLOW_METRICS, type NestflowMetrics } from '../observability/nestflow-metrics.js';
import type { FlowRun } from '../domain/flow-run.js';
import { pauseRequestedAt } from '../domain/input-request.js';
import type { ReceiveRequest } from '../domain/receive-request.js';
import { ReceivingStore } from '../persistence/receiving.store.js';

/** State changes plus their events: the engine never writes a state without telling the bus. */
@Injectable()
export class RunTransitions {
  constructor(
    private readonly store: RunStore,
    private readonly requests: ClientRequestStore,
    private readonly receivings: ReceivingStore,
    @Inject(EVENT_BUS) private readonly bus: EventBus,
    @Inject(NESTFLOW_METRICS) private readonly metrics: NestflowMetrics,
  ) {}

  /**
   * Guarded move; null when another writer changed the run first. With `request` (a client's
   * requestId), its record is stored by the same statement (null as well if the id is taken).
   * The other nodes hear of the move from the move's own statement (PostgreSQL).
   */
  async move(
    run: FlowRun,
    to: FlowRunState,
    message: string | null = null,
    patch: RunPatch = {},
    request?: RequestToStore,
  ): Promise<FlowRun | null> {
    if (request) {
      const moved = await this.requests.moveFor(request, run, to, message, patch);
      if (moved) {
        this.announce(moved, run.state);
        this.measure(moved);
      }
      return moved;
    }
    return this.announced(
      (notify) => this.store.transition(run, to, message, patch, notify),
      (next) => this.eventsOf(next, run.state),
    );
  }

  /** Moves a waiting run to another version of its flow (same state), announced like a move. */
  changeVersion(run: FlowRun, flowVersion: string, message: string): Promise<FlowRun | null> {
    return this.announced(
      (notify) => this.store.changeVersion(run, flowVersion, message, notify),
      (next) => this.eventsOf(next, run.state),
    );
  }

  /** An operator's retry of a FAILED run: back to SCHEDULED, the steps in `discard` gone, announced like a move. */
  retry(run: FlowRun, message: string, patch: RunPatch, discard: StepDiscard): Promise<FlowRun | null> {
    return this.moveDiscarding(run, FlowRunState.SCHEDULED, message, patch, discard);
  }

  /** A guarded move that discards the steps in `discard` in the same write, announced like a move. */
  moveDiscarding(
    run: FlowRun,
    to: FlowRunState,
    message: string,
    patch: RunPatch,
    discard: StepDiscard,
  ): Promise<FlowRun | null> {
    return this.announced(
      (notify) => this.store.transitionDiscarding(run, to, message, patch, discard, notify),
      (next) => this.eventsOf(next, run.state),
    );
  }

  /**
   * Records a waiting run's new request (an approvals pause's progress) in the same state,
   * guarded like a move and announced as a `run.state` event (subscribers see the progress).
   */
  updateWaiting(run: FlowRun, message: string, patch: RunPatch, request?: RequestToStore): Promise<FlowRun | null> {
    return this.announced(
      (notify) => this.store.updateWaiting(run, message, patch, notify, request),
      (next) => this.eventsOf(next, run.state),
    );
  }

  /** Stores the outcome of a pause (an input, or its timeout) and moves the run on, atomically. */
  async resume(
    run: FlowRun,
    to: FlowRunState,
    input: InputToStore,
    message = `Answered: "${input.key}"`,
    patch: RunPatch = {},
  ): Promise<FlowRun | null> {
    const events = (next: FlowRun): NestflowEvent[] => [
      ...(input.outcome === 'timeout'
        ? []
        : [
            {
              type: 'run.resumed' as const,
              runId: run.id,
              flowName: run.flowName,
              key: input.key,
              // For the node holding the flow: it wakes from these without a read.
              run: next,
              input: { inputType: input.inputType, value: input.value },
            },
          ]),
      ...this.eventsOf(next, run.state),
    ];
    const resumed = await this.announced(
      (notify) => this.store.storeInputAndResume(run, to, input, message, patch, notify),
      events,
    );
    const requested = pauseRequestedAt(run.inputRequest);
    if (resumed && requested !== null) this.metrics.inputWaited(run.flowName, (resumed.updatedAt.getTime() - requested) / 1000);
    return resumed;
  }

  /**
   * Records (or, with null, clears) what the RUNNING `run` waits for in receiveInput, and tells
   * subscribers with a `run.state` event of the run as it now reads (same state and version).
   * Null when the run moved meanwhile (its move cleared it already).
   */
  async markReceiving(run: FlowRun, receiving: ReceiveRequest | null): Promise<FlowRun | null> {
    const next: FlowRun = { ...run, receiving };
    const event: NestflowEvent = { type: 'run.state', runId: run.id, flowName: run.flowName, state: run.state, run: next };
    const marked = await this.receivings.mark(run, receiving, this.bus.peerPayloads([event]));
    if (!marked) return null;
    this.bus.publishLocally(event);
    return next;
  }

  /**
   * Runs a store move whose own statement tells the other nodes of `events` (built once, from
   * the run as the move writes it), then tells this process's listeners if the move happened.
   */
  private async announced(
    move: (notify: NotifyPeers) => Promise<FlowRun | null>,
    events: (next: FlowRun) => NestflowEvent[],
  ): Promise<FlowRun | null> {
    let built: NestflowEvent[] = [];
    const moved = await move((next) => this.bus.peerPayloads((built = events(next))));
    if (moved) {
      built.forEach((event) => this.bus.publishLocally(event));
      this.measure(moved);
    }
    return moved;
  }

  /** Runs finished through this node. */
  private measure(moved: FlowRun): void {
    if (isTerminal(moved.state)) this.metrics.runFinished(moved.flowName, moved.state);
  }

  /**
   * Publishes the state change, and `run.paused` when the run starts waiting (from RUNNING): a
   * PAUSED run handed over as SUSPENDED is the same pause, not a new one to announce.
   */
  announce(run: FlowRun, from?: FlowRunState): void {
    this.eventsOf(run, from).forEach((event) => this.bus.publish(event));
  }

  private eventsOf(run: FlowRun, from?: FlowRunState): NestflowEvent[] {
    const events: NestflowEvent[] = [{ type: 'run.state', runId: run.id, flowName: run.flowName, state: run.state, run }];
    const waiting = run.state === FlowRunState.PAUSED || run.state === FlowRunState.SUSPENDED;
    if (waiting && from === FlowRunState.RUNNING) {
      events.push({ type: 'run.paused', runId: run.id, flowName: run.flowName, run });
    }
    return events;
  }
}
