import type { ErrorSchema } from '@rjsf/utils';
import type { InputViolation } from '../graphql/types';

type ErrorNode = { __errors?: string[]; [key: string]: unknown };

/**
 * Server violations as an rjsf error schema, so each message shows next to its field: the
 * dotted path `address.zip` (or `items.0.sku`) becomes `{ address: { zip: { __errors } } }`;
 * the empty path is the form itself.
 */
export function violationsToErrorSchema(violations: InputViolation[]): ErrorSchema {
  const root: ErrorNode = {};
  for (const violation of violations) {
    let node = root;
    for (const segment of violation.path.split('.').filter(Boolean)) {
      node = (node[segment] ??= {}) as ErrorNode;
    }
    node.__errors = [...(node.__errors ?? []), ...Object.values(violation.constraints)];
  }
  return root as ErrorSchema;
}
