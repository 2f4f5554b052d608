/** Injection token of nestflow's tracer (`NestflowTracer`). */
export const NESTFLOW_TRACER = Symbol('NESTFLOW_TRACER');

/** A span's attributes: bounded values for searching traces (run ids are fine here, unlike in metrics). */
export type SpanAttributes = Record<string, string | number | boolean | undefined>;

/** Where a span hangs: an OpenTelemetry context, kept opaque outside the tracer. */
export type TraceParent = { readonly __traceParent: unique symbol };

/** A span started with `start`, ended by whoever holds it (a pause's span lives until its answer). */
export interface SpanHandle {
  /** The span's context, to hang child spans on. */
  readonly context: TraceParent | undefined;
  /** Ends the span; with `error`, recorded as failed. */
  end(error?: unknown): void;
}

/**
 * Spans through `@opentelemetry/api`. Recording and exporting are the host's OpenTelemetry SDK's
 * business: without one every call is a no-op, and so is the tracer when the api package is
 * not installed or `tracing: false`.
 */
export interface NestflowTracer {
  /**
   * Runs `work` in a span named `name`, a child of `parent` (default: the active context),
   * active while `work` runs; a thrown error is recorded on the span and rethrown.
   */
  inSpan<T>(name: string, attributes: SpanAttributes, work: () => Promise<T>, options?: { parent?: TraceParent }): Promise<T>;
  /**
   * Starts a span without making it active or wrapping anything (no extra pending frame for a
   * run or pause that waits for days): the holder ends it.
   */
  start(name: string, attributes: SpanAttributes, parent?: TraceParent): SpanHandle;
  /** Runs `work` with `parent` as the active context (for instrumented code it calls). */
  within<T>(parent: TraceParent | undefined, work: () => T): T;
  /** Adds an event to the active span (a step of an operation too short for a span of its own). */
  event(name: string, attributes?: SpanAttributes): void;
  /** The active context, or `parent`, as text to store with a run (W3C trace context), null when there is none. */
  store(parent?: TraceParent): string | null;
  /** A context stored by `store`, on any node; undefined for null or text it cannot read. */
  restore(stored: string | null | undefined): TraceParent | undefined;
}

const NO_SPAN: SpanHandle = { context: undefined, end: () => undefined };

/** Tracing off or unavailable. */
export const NO_TRACER: NestflowTracer = {
  inSpan: (_name, _attributes, work) => work(),
  start: () => NO_SPAN,
  within: (_parent, work) => work(),
  event: () => undefined,
  store: () => null,
  restore: () => undefined,
};
