import { useSyncExternalStore } from 'react';

/** Below this width the list and a run are separate screens (styles.css has the same breakpoint). */
const NARROW = '(max-width: 760px)';

function subscribe(listener: () => void): () => void {
  const query = window.matchMedia(NARROW);
  query.addEventListener('change', listener);
  return () => query.removeEventListener('change', listener);
}

export function useNarrowScreen(): boolean {
  return useSyncExternalStore(subscribe, () => window.matchMedia(NARROW).matches);
}
