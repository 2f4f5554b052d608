import { InputLimitExceededError, type InputLimit } from '../domain/errors/input-limit-exceeded.error.js';
import { InputTooLargeError } from '../domain/errors/input-too-large.error.js';
import { InputValidationError, type InputViolation } from '../domain/errors/input-validation.error.js';

/** The `limits` options that bound one input or parameters value. */
export interface InputLimits {
  maxInputBytes: number;
  maxDepth: number;
  maxKeys: number;
  maxStringLength: number;
}

/** Keys that reach an object's prototype when copied or merged: refused anywhere in an input. */
export const FORBIDDEN_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const MAX_VIOLATIONS = 20;

/**
 * Checks client data before any validation or copy: byte size, depth, key count, string length,
 * prototype keys and values JSON cannot carry. Throws InputTooLargeError, InputLimitExceededError
 * or InputValidationError, and never anything else, whatever the value (cyclic, BigInt, 10^5 deep).
 */
export function inspectInput(value: unknown, limits: InputLimits, what = 'input', runId?: string): void {
  if (value === undefined || value === null) return;
  checkBytes(value, limits.maxInputBytes, what);
  const walk = new InputWalk(limits, what, runId);
  walk.visit(value, '', 0);
  if (walk.violations.length) throw new InputValidationError(walk.violations, null, runId);
}

function checkBytes(value: unknown, max: number, what: string): void {
  let json: string | undefined;
  try {
    json = JSON.stringify(value);
  } catch {
    return; // too deep, cyclic or a BigInt: the walk names the problem
  }
  const size = json === undefined ? 0 : Buffer.byteLength(json, 'utf8');
  if (size > max) throw new InputTooLargeError(size, max, what);
}

const join = (path: string, key: string | number) => (path ? `${path}.${key}` : String(key));

/** Objects that are not data: class-transformer converts some of them in surprising ways. */
const BUILT_INS = [Map, Set, WeakMap, WeakSet, Promise, RegExp, Error, ArrayBuffer];
const isBuiltIn = (value: object) => BUILT_INS.some((type) => value instanceof type) || ArrayBuffer.isView(value);

class InputWalk {
  readonly violations: InputViolation[] = [];
  private keys = 0;
  private readonly ancestors = new Set<object>();

  constructor(
    private readonly limits: InputLimits,
    private readonly what: string,
    private readonly runId: string | undefined,
  ) {}

  /** `depth`: containers around `value` (0 for the input itself). */
  visit(value: unknown, path: string, depth: number): void {
    switch (typeof value) {
      case 'string':
        return this.string(value, path);
      case 'number':
        if (!Number.isFinite(value)) this.violate(path, 'isFinite', 'must be a finite number (JSON has no NaN or Infinity)');
        return;
      case 'boolean':
      case 'undefined':
        return;
      case 'object':
        if (value === null || value instanceof Date) return;
        if (isBuiltIn(value)) return this.violate(path, 'isJson', `must be a JSON value, not a ${value.constructor.name}`);
        return this.container(value, path, depth + 1);
      default:
        this.violate(path, 'isJson', `must be a JSON value, not a ${typeof value}`);
    }
  }

  private container(value: object, path: string, depth: number): void {
    if (depth > this.limits.maxDepth) this.fail('maxDepth', path);
    if (this.ancestors.has(value)) return this.violate(path, 'notCircular', 'must not contain itself');
    this.ancestors.add(value);
    if (Array.isArray(value)) {
      value.forEach((item, index) => {
        this.count(path);
        this.visit(item, join(path, index), depth);
      });
    } else {
      for (const key of Object.keys(value)) {
        this.count(path);
        const at = join(path, key);
        if (key.length > this.limits.maxStringLength) this.fail('maxStringLength', path);
        if (FORBIDDEN_KEYS.has(key)) this.violate(at, 'forbiddenKey', `"${key}" is not allowed as a key`);
        else this.visit((value as Record<string, unknown>)[key], at, depth);
      }
    }
    this.ancestors.delete(value);
  }

  private string(value: string, path: string): void {
    if (value.length > this.limits.maxStringLength) this.fail('maxStringLength', path);
    if (LONE_SURROGATE.test(value)) this.violate(path, 'isWellFormed', 'must be well-formed Unicode (no lone surrogates)');
  }

  private count(path: string): void {
    if (++this.keys > this.limits.maxKeys) this.fail('maxKeys', path);
  }

  private fail(limit: InputLimit, path: string): never {
    throw new InputLimitExceededError(limit, this.limits[limit], path, this.what, this.runId);
  }

  private violate(path: string, constraint: string, message: string): void {
    if (this.violations.length < MAX_VIOLATIONS)
      this.violations.push({ path, constraints: { [constraint]: `${path || this.what} ${message}` } });
  }
}
