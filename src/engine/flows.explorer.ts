import { Injectable, type OnModuleInit } from '@nestjs/common';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { TaskExecutor } from './task.executor.js';
import { InputTypeRegistry } from '../inputs/input-type.registry.js';
import { DEFAULT_FLOW_VERSION } from '../flows/flow-definition.js';
import { FLOW_METADATA, type FlowOptions } from '../flows/flow.decorator.js';
import { FlowRegistry } from '../flows/flow.registry.js';
import { kebabCase } from '../flows/kebab-case.js';
import { flowName } from '../flows/flow-name.js';
import { checkParametersClass } from '../flows/flow-parameters.js';
import { TASK_METADATA, type TaskOptions } from '../flows/task.decorator.js';

type AnyMethod = (...args: unknown[]) => unknown;

/**
 * Walks every singleton provider at bootstrap: `@Flow` methods go into the registry, `@Task`
 * methods are wrapped on the instance so calls from a flow are recorded. Decorators only left
 * metadata; all behaviour is attached here.
 */
@Injectable()
export class FlowsExplorer implements OnModuleInit {
  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly reflector: Reflector,
    private readonly flows: FlowRegistry,
    private readonly inputs: InputTypeRegistry,
    private readonly tasks: TaskExecutor,
  ) {}

  private explored = false;

  onModuleInit(): void {
    this.exploreOnce();
  }

  /**
   * Fills the registries, once. The app's GraphQLModule may build its schema (which lists the
   * flows' input classes) before this module's `onModuleInit`: it calls this first. Every
   * provider is instantiated before any init hook runs, so both orders see them all.
   */
  exploreOnce(): void {
    if (this.explored) return;
    this.explored = true;
    for (const wrapper of this.discovery.getProviders()) {
      const instance = wrapper.instance as Record<string, AnyMethod> | undefined;
      if (!instance || typeof instance !== 'object' || !wrapper.isDependencyTreeStatic()) continue;
      const prototype = Object.getPrototypeOf(instance) as object;
      for (const methodName of this.scanner.getAllMethodNames(prototype)) {
        this.explore(instance, methodName);
      }
    }
  }

  private explore(instance: Record<string, AnyMethod>, methodName: string): void {
    const method = instance[methodName];
    const source = `${instance.constructor.name}.${methodName}`;
    const flow = this.reflector.get<FlowOptions | undefined>(FLOW_METADATA, method);
    if (flow) {
      for (const input of flow.inputs ?? []) this.inputs.register(input);
      const declared = (Reflect.getMetadata('design:paramtypes', instance, methodName) as unknown[] | undefined)?.[0];
      this.flows.add({
        name: flowName(flow, methodName),
        description: flow.description ?? null,
        version: flowVersion(flow.version, source),
        replays: replayedVersions(flow.replays, flow.version, source),
        timeout: flow.timeout ?? null,
        retries: flow.retries ?? 0,
        retryDelay: flow.retryDelay ?? 0,
        askAgainOnRetry: flow.askAgainOnRetry ?? false,
        inputs: flow.inputs ?? [],
        parameters: checkParametersClass(flow.parameters, declared, source),
        resumableBy: flow.resumableBy ? [...flow.resumableBy] : null,
        source,
        invoke: async (parameters) => method.call(instance, parameters),
      });
    }
    const task = this.reflector.get<TaskOptions | undefined>(TASK_METADATA, method);
    if (task) {
      const definition = {
        name: task.name ?? kebabCase(methodName),
        key: task.key ?? null,
        retries: task.retries ?? 0,
        retryDelay: task.retryDelay ?? 1,
        source,
      };
      const executor = this.tasks;
      instance[methodName] = function (this: unknown, ...args: unknown[]) {
        return executor.call(definition, () => method.apply(this, args));
      };
    }
  }
}

/** The column holds 64 characters; a version that does not fit, or an empty one, is a bootstrap error. */
function flowVersion(version: string | undefined, source: string): string {
  if (version === undefined) return DEFAULT_FLOW_VERSION;
  if (typeof version !== 'string' || !version.trim() || version.length > 64) {
    throw new Error(
      `@Flow({ version }) of ${source} must be a non-empty string of at most 64 characters, got ${JSON.stringify(version)}`,
    );
  }
  return version;
}

/** `replays` lists other valid versions; the flow's own version is implied, so listing it is a mistake too. */
function replayedVersions(replays: string[] | undefined, version: string | undefined, source: string): string[] {
  if (replays === undefined) return [];
  if (!Array.isArray(replays)) throw new Error(`@Flow({ replays }) of ${source} must be an array of versions`);
  const own = flowVersion(version, source);
  const versions = replays.map((replayed) => flowVersion(replayed, source));
  if (versions.includes(own)) throw new Error(`@Flow({ replays }) of ${source} lists its own version ${JSON.stringify(own)}`);
  return [...new Set(versions)];
}
