import { context, propagation, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { InMemorySpanExporter, SimpleSpanProcessor, TracerProvider, type ReadableSpan } from '@opentelemetry/sdk-trace';

/**
 * An OpenTelemetry SDK as a host would register it (global tracer provider, AsyncLocalStorage
 * context, W3C propagation), exporting to memory. `uninstall` puts the no-op globals back.
 */
export function installTracing(): { spans(): ReadableSpan[]; uninstall(): Promise<void> } {
  const exporter = new InMemorySpanExporter();
  const provider = new TracerProvider({ spanProcessors: [new SimpleSpanProcessor({ exporter })] });
  const contextManager = new AsyncLocalStorageContextManager().enable();
  trace.setGlobalTracerProvider(provider);
  context.setGlobalContextManager(contextManager);
  propagation.setGlobalPropagator(new W3CTraceContextPropagator());
  return {
    spans: () => exporter.getFinishedSpans(),
    uninstall: async () => {
      await provider.shutdown();
      contextManager.disable();
      trace.disable();
      context.disable();
      propagation.disable();
    },
  };
}

/** The chain of span names from `span` up to its trace's root (within `spans`). */
export function ancestry(span: ReadableSpan, spans: ReadableSpan[]): string[] {
  const names = [span.name];
  for (let parent = span.parentSpanContext?.spanId; parent;) {
    const found = spans.find((candidate) => candidate.spanContext().spanId === parent);
    if (!found) break;
    names.push(found.name);
    parent = found.parentSpanContext?.spanId;
  }
  return names;
}
