import { SetMetadata } from '@nestjs/common';
import type { InputClass } from '../inputs/run-input.js';
import type { ParametersClass } from './flow-parameters.js';

export const FLOW_METADATA = 'nestflow:flow';

/** Options of `@Flow()`. */
export interface FlowOptions {
  /** Flow name used by clients. Default: the method name in kebab case (`greetUser` -> `greet-user`). */
  name?: string;
  /** Shown to clients in `flows`. */
  description?: string;
  /**
   * The version of the flow's code. Each run records the version it started on (`flowVersion`),
   * shown over GraphQL and in the CLI, so a team can tell which runs still wait on older code.
   * Up to 64 characters. Default `'1'`. A node claims and replays only runs of the versions it
   * serves: this one and `replays`.
   */
  version?: string;
  /**
   * Older versions this code can replay too (their differences guarded with `patched()`), so
   * runs started on them are claimed here. Default none: runs of other versions wait for a node
   * that serves them (or an operator's `replayOnCurrentVersion` / cancel).
   */
  replays?: string[];
  /** Seconds the whole run may take (pauses included) before it fails with FlowTimeoutError. Default: none. */
  timeout?: number;
  /** Extra attempts after the flow fails: it replays from the start, completed tasks are kept. Default 0. */
  retries?: number;
  /** Seconds before a flow retry. Default 0. */
  retryDelay?: number;
  /**
   * A retried run (`retries`, or an operator's `retryFlowRun`) asks every pause again instead of
   * replaying the answer an earlier attempt gave, showing that answer as the initial data; what
   * came after the pause runs again. A pause's own `askAgainOnRetry` overrides it. Default false.
   */
  askAgainOnRetry?: boolean;
  /** Input classes this flow waits for, registered at bootstrap so any node can validate a resume. */
  inputs?: InputClass[];
  /**
   * A class-validator class for the run's parameters (any class with class-validator rules; it
   * need not extend `RunInput`). Creating a run validates them first: invalid parameters are
   * ParametersValidationError (GraphQL `BAD_USER_INPUT` with `violations`) and no run is stored.
   * The method receives an instance of the class, on replays too; `flows` publishes its JSON
   * schema (`parametersSchema`), from which the inbox and the CLI build their Start forms.
   * Default none: the parameters are any JSON (size-checked only), passed as they are.
   */
  parameters?: ParametersClass;
  /**
   * Roles (`Principal.roles`) allowed to resume, cancel or send input to its runs over GraphQL;
   * others get FORBIDDEN, as do anonymous callers. Default: anyone `security.authorize` allows.
   */
  resumableBy?: string[];
}

/**
 * Marks a provider method as a flow. The method receives the run's parameters as its argument
 * (an instance of `parameters` when the options name a class).
 */
export const Flow = (options: FlowOptions = {}): MethodDecorator => SetMetadata(FLOW_METADATA, options);
