import { useEffect, useRef } from 'react';
import { lastListScroll } from './use-route';

/**
 * On a narrow screen, switching between the list and a run is a new screen: a run starts at its
 * top with the focus on it; the list comes back where it was, with the focus on the run left.
 */
export function useScreenFocus(runId: string | null, narrow: boolean): void {
  const previous = useRef(runId);
  useEffect(() => {
    const left = previous.current;
    previous.current = runId;
    if (!narrow || left === runId) return;
    if (runId) {
      window.scrollTo(0, 0);
      document.getElementById('main')?.focus({ preventScroll: true });
    } else {
      window.scrollTo(0, lastListScroll());
      document.querySelector<HTMLElement>(`a[data-run-id="${CSS.escape(left ?? '')}"]`)?.focus({ preventScroll: true });
    }
  }, [runId, narrow]);
}
