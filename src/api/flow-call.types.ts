/* Types of FlowRunService's typed calls: the caller imports the flow and input classes (Temporal-style shared definitions). */

/**
 * The data fields of `T` as a caller passes them: its properties with their own optionality,
 * without methods and getters (readonly properties).
 */
export type PlainFields<T> = T extends object
  ? { [K in keyof T as T[K] extends (...args: never[]) => unknown ? never : IsReadonly<T, K> extends true ? never : K]: T[K] }
  : T;

type IsReadonly<T, K extends keyof T> =
  (<V>() => V extends { [Q in K]: T[K] } ? 1 : 2) extends <V>() => V extends { -readonly [Q in K]: T[K] } ? 1 : 2 ? false : true;

/** `V`, unless it is a class: the untyped `sendInput(runId, value)` does not accept what the typed one takes. */
export type NotAClass<V> = V & (V extends abstract new (...args: never[]) => unknown ? never : unknown);

/** The names of the methods of class `C` (a flow is one of them). */
export type FlowMethodName<C> = {
  [K in keyof C]-?: C[K] extends (...args: never[]) => unknown ? K : never;
}[keyof C] &
  string;

/**
 * What `start(FlowClass, 'method', …)` takes after the method's name: the method's first
 * argument as plain fields (required when the method requires it), or nothing.
 */
export type FlowStartArguments<M> = M extends (...args: infer A) => unknown
  ? A extends []
    ? []
    : A extends [infer P, ...unknown[]]
      ? [parameters: PlainFields<P>]
      : A extends [(infer P)?, ...unknown[]]
        ? [parameters?: PlainFields<P>]
        : [parameters?: unknown]
  : never;
