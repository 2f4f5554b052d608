import { Injectable } from '@nestjs/common';
import { DuplicateFlowError } from '../domain/errors/duplicate-flow.error.js';
import { FlowNotFoundError } from '../domain/errors/flow-not-found.error.js';
import type { FlowVersion } from '../domain/flow-version.js';
import type { FlowDefinition } from './flow-definition.js';

/** The flows of this application, by name. Filled once by the explorer at bootstrap. */
@Injectable()
export class FlowRegistry {
  private readonly flows = new Map<string, FlowDefinition>();

  add(flow: FlowDefinition): void {
    const existing = this.flows.get(flow.name);
    if (existing) throw new DuplicateFlowError(flow.name, existing.source, flow.source);
    this.flows.set(flow.name, flow);
  }

  get(name: string): FlowDefinition {
    const flow = this.flows.get(name);
    if (!flow) throw new FlowNotFoundError(name, [...this.flows.keys()]);
    return flow;
  }

  has(name: string): boolean {
    return this.flows.has(name);
  }

  /** Every (flow, version) pair this application claims and replays runs of. */
  served(): FlowVersion[] {
    return this.list().flatMap((flow) => [flow.version, ...flow.replays].map((version) => ({ flowName: flow.name, version })));
  }

  list(): FlowDefinition[] {
    return [...this.flows.values()].sort((a, b) => a.name.localeCompare(b.name));
  }
}
