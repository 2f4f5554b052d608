import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity.js';
/**
 * A `simple-json` column's value. Typed loosely on purpose: TypeORM's partial-entity types
 * reject `unknown`, and the values are whatever JSON a flow, task or client produced.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type StoredJson = any;

/** TypeORM's deep-partial type trips over JSON columns; entity fields are checked by `Partial<T>`. */
export function columns<T>(values: Partial<T>): QueryDeepPartialEntity<T> {
  return values as QueryDeepPartialEntity<T>;
}
