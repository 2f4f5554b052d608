import { Injectable } from '@nestjs/common';
import { DuplicateFlowError } from '../domain/errors/duplicate-flow.error.js';
import { FlowNotFoundError } from '../domain/errors/flow-not-found.error.js';
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

  list(): FlowDefinition[] {
    return [...this.flows.values()].sort((a, b) => a.name.localeCompare(b.name));
  }
}
