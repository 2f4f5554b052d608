/** Injection token of nestflow's tracer (`NestflowTracer`). */
export const NESTFLOW_TRACER = Symbol('NESTFLOW_TRACER');

/** A span's attributes: bounded values for searching traces (run ids are fine here, unlike in metrics). */
export type SpanAttributes = Record<string, string | number | boolean | undefined>;

/** Where a span hangs: an OpenTelemetry context, kept opaque outside the tracer. */
export type TraceParent = { readonly __traceParent: unique symbol };

/**
 * Spans through `@opentelemetry/api`. Recording and exporting are the host's OpenTelemetry SDK's
 * business: without one every call is a no-op, and so is the tracer when the api package is
 * not installed or `tracing: false`.
 */
export interface NestflowTracer {
  /**
   * Runs `work` in a span named `name`, a child of `parent` (default: the active context),
   * active while `work` runs; a thrown error is recorded on the span (unless `expected` says it
   * is not a failure) and rethrown. `work` gets the span's own context, to hang later spans on,
   * and `failed`, to mark the span failed without throwing.
   */
  inSpan<T>(
    name: string,
    attributes: SpanAttributes,
    work: (self: TraceParent | undefined, failed: (error: unknown) => void) => Promise<T>,
    options?: { parent?: TraceParent; expected?: (error: unknown) => boolean },
  ): Promise<T>;
  /** The active context, or `parent`, as text to store with a run (W3C trace context), null when there is none. */
  store(parent?: TraceParent): string | null;
  /** A context stored by `store`, on any node; undefined for null or text it cannot read. */
  restore(stored: string | null | undefined): TraceParent | undefined;
}

/** Tracing off or unavailable. */
export const NO_TRACER: NestflowTracer = {
  inSpan: (_name, _attributes, work) => work(undefined, () => undefined),
  store: () => null,
  restore: () => undefined,
};
