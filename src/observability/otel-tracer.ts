import type { Context, Span, TextMapGetter } from '@opentelemetry/api';
import type { NestflowTracer, SpanAttributes, SpanHandle, TraceParent } from './nestflow-tracer.js';

type OtelApi = typeof import('@opentelemetry/api');
type Carrier = Record<string, string>;

const getter: TextMapGetter<Carrier> = {
  keys: (carrier) => Object.keys(carrier),
  get: (carrier, key) => carrier[key],
};

/** `NestflowTracer` on `@opentelemetry/api`: the host's SDK (if any) records and exports. */
export class OtelTracer implements NestflowTracer {
  private readonly tracer;

  constructor(
    private readonly api: OtelApi,
    version: string,
  ) {
    this.tracer = api.trace.getTracer('nestflow', version);
  }

  inSpan<T>(
    name: string,
    attributes: SpanAttributes,
    work: () => Promise<T>,
    options: { parent?: TraceParent } = {},
  ): Promise<T> {
    const parent = (options.parent as unknown as Context | undefined) ?? this.api.context.active();
    return this.tracer.startActiveSpan(name, { attributes: defined(attributes) }, parent, async (span) => {
      try {
        return await work();
      } catch (error) {
        this.fail(span, error);
        throw error;
      } finally {
        span.end();
      }
    });
  }

  start(name: string, attributes: SpanAttributes, parent?: TraceParent): SpanHandle {
    const parentContext = (parent as unknown as Context | undefined) ?? this.api.context.active();
    const span = this.tracer.startSpan(name, { attributes: defined(attributes) }, parentContext);
    return {
      context: this.api.trace.setSpan(parentContext, span) as unknown as TraceParent,
      end: (error?: unknown) => {
        if (error !== undefined) this.fail(span, error);
        span.end();
      },
    };
  }

  within<T>(parent: TraceParent | undefined, work: () => T): T {
    return parent ? this.api.context.with(parent as unknown as Context, work) : work();
  }

  event(name: string, attributes: SpanAttributes = {}): void {
    this.api.trace.getActiveSpan()?.addEvent(name, defined(attributes));
  }

  private fail(span: Span, error: unknown): void {
    span.recordException(error as Error);
    span.setStatus({ code: this.api.SpanStatusCode.ERROR, message: (error as Error)?.message });
  }

  store(parent?: TraceParent): string | null {
    const carrier: Carrier = {};
    this.api.propagation.inject((parent as unknown as Context | undefined) ?? this.api.context.active(), carrier);
    return carrier.traceparent ? JSON.stringify(carrier) : null;
  }

  restore(stored: string | null | undefined): TraceParent | undefined {
    if (!stored) return undefined;
    try {
      const carrier = JSON.parse(stored) as Carrier;
      return this.api.propagation.extract(this.api.ROOT_CONTEXT, carrier, getter) as unknown as TraceParent;
    } catch {
      return undefined;
    }
  }
}

function defined(attributes: SpanAttributes): Record<string, string | number | boolean> {
  const result: Record<string, string | number | boolean> = {};
  for (const [key, value] of Object.entries(attributes)) if (value !== undefined) result[key] = value;
  return result;
}
