import { subscribe } from './client';
import { RUN_STATE_CHANGED } from './operations';
import type { FlowRunSummary } from './types';

type Listener = (run: FlowRunSummary) => void;

const listeners = new Set<Listener>();
let started = false;

/**
 * Every state change of every run, through one `flowRunStateChanged` subscription opened when
 * the page loads. Views that open later (a run just started) listen here instead of opening a
 * subscription of their own, which the server might attach only after their first query ran.
 */
export function startRunEvents(): void {
  if (started) return;
  started = true;
  subscribe<{ flowRunStateChanged: FlowRunSummary }>(RUN_STATE_CHANGED, {}, ({ flowRunStateChanged: run }) =>
    listeners.forEach((listener) => listener(run)),
  );
}

export function onRunChanged(listener: Listener): () => void {
  startRunEvents();
  listeners.add(listener);
  return () => listeners.delete(listener);
}
