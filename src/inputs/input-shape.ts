import type { InputViolation } from '../domain/errors/input-validation.error.js';
import type { JsonSchema } from './input-schema.js';

type Node = JsonSchema & { $ref?: string; type?: unknown; properties?: Record<string, Node>; items?: Node };

/**
 * Fields where the input has an array but the class wants one nested object. class-validator's
 * `@ValidateNested` accepts an array of valid objects there; the JSON schema clients see does not.
 */
export function shapeViolations(schema: JsonSchema, input: Record<string, unknown>): InputViolation[] {
  const definitions = (schema.definitions ?? {}) as Record<string, Node>;
  const violations: InputViolation[] = [];
  const check = (node: Node | undefined, value: unknown, path: string, depth: number): void => {
    if (!node || depth > 64) return;
    const resolved = node.$ref ? definitions[node.$ref.replace('#/definitions/', '')] : node;
    if (!resolved) return;
    const wantsObject = Boolean(node.$ref) || resolved.type === 'object';
    if (wantsObject && Array.isArray(value)) {
      violations.push({ path, constraints: { isObject: `${path} must be an object, not an array` } });
    } else if (wantsObject && value && typeof value === 'object') {
      for (const [key, child] of Object.entries(resolved.properties ?? {})) {
        if (Object.hasOwn(value, key)) check(child, (value as Record<string, unknown>)[key], `${path}.${key}`, depth + 1);
      }
    } else if (resolved.type === 'array' && Array.isArray(value)) {
      value.forEach((item, index) => check(resolved.items, item, `${path}.${index}`, depth + 1));
    }
  };
  for (const [key, child] of Object.entries((schema as Node).properties ?? {})) {
    if (Object.hasOwn(input, key)) check(child, input[key], key, 1);
  }
  return violations;
}
