import { subscribe } from './client';
import { isLegacyServer, switchToLegacyDocuments } from './compat';
import { isSchemaMismatch } from './graphql-request.error';
import { LEGACY_RUN_STATE_CHANGED, RUN_STATE_CHANGED } from './operations';
import type { FlowRunSummary } from './types';

type Listener = (run: FlowRunSummary) => void;

const listeners = new Set<Listener>();
let started = false;

/**
 * Every state change of every run, through one `flowRunStateChanged` subscription opened when
 * the page loads. Views that open later (a run just started) listen here instead of opening a
 * subscription of their own, which the server might attach only after their first query ran.
 * A subscription the server ends with an error is opened again (the older document for an
 * older server).
 */
export function startRunEvents(): void {
  if (started) return;
  started = true;
  open();
}

function open(): void {
  subscribe<{ flowRunStateChanged: FlowRunSummary }>(
    isLegacyServer() ? LEGACY_RUN_STATE_CHANGED : RUN_STATE_CHANGED,
    {},
    ({ flowRunStateChanged: run }) => listeners.forEach((listener) => listener(run)),
    (error) => {
      if (isSchemaMismatch(error)) switchToLegacyDocuments();
      else console.warn('nestflow: the live updates failed; opening them again', error);
      setTimeout(open, isSchemaMismatch(error) ? 0 : 1000);
    },
  );
}

export function onRunChanged(listener: Listener): () => void {
  startRunEvents();
  listeners.add(listener);
  return () => listeners.delete(listener);
}
