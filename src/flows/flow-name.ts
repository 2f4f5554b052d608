import 'reflect-metadata';
import { FLOW_METADATA, type FlowOptions } from './flow.decorator.js';
import { kebabCase } from './kebab-case.js';

/** The name clients use for the flow method `methodName`: `@Flow({ name })`, else the method name in kebab case. */
export function flowName(options: FlowOptions, methodName: string): string {
  return options.name ?? kebabCase(methodName);
}

/**
 * The name of the flow `flowClass.prototype[methodName]`, read from its `@Flow()` metadata (the
 * class need not be instantiated: callers import it as a shared definition); null when the
 * method is not a flow.
 */
export function flowNameOf(flowClass: Function, methodName: string): string | null {
  const method = (flowClass.prototype as Record<string, unknown> | undefined)?.[methodName];
  if (typeof method !== 'function') return null;
  const options = Reflect.getMetadata(FLOW_METADATA, method) as FlowOptions | undefined;
  return options ? flowName(options, methodName) : null;
}
