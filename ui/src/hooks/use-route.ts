import { useSyncExternalStore } from 'react';
import { config } from '../config';

/** The inbox's two routes: the list (`/ui`) and a selected run (`/ui/runs/<id>`). */
export interface Route {
  runId: string | null;
}

const NAVIGATED = 'nestflow:navigated';

/** The URL of an in-app path such as `/runs/<id>`. */
export function hrefFor(path: string): string {
  return `${config.basePath}${path}` || '/';
}

/** Client-side navigation; the server answers any path under the base with index.html. */
export function navigate(path: string, state: { fromList?: boolean } | null = null): void {
  window.history.pushState(state, '', hrefFor(path));
  window.dispatchEvent(new Event(NAVIGATED));
}

let listScroll = 0;

/** Opens a run from the list: on a phone the list's entry stays in the history, so Back returns to it. */
export function openRun(id: string): void {
  listScroll = window.scrollY;
  navigate(`/runs/${id}`, { fromList: true });
}

/** How far the list was scrolled when a run was opened from it (a phone returns there). */
export function lastListScroll(): number {
  return listScroll;
}

/** Back to the list: the browser's own Back when the run was opened from it (keeping its place), else a new entry. */
export function backToList(): void {
  if ((window.history.state as { fromList?: boolean } | null)?.fromList) window.history.back();
  else navigate('');
}

function subscribe(listener: () => void): () => void {
  window.addEventListener('popstate', listener);
  window.addEventListener(NAVIGATED, listener);
  return () => {
    window.removeEventListener('popstate', listener);
    window.removeEventListener(NAVIGATED, listener);
  };
}

export function useRoute(): Route {
  const pathname = useSyncExternalStore(subscribe, () => window.location.pathname);
  const match = /\/runs\/([^/]+)\/?$/.exec(pathname.slice(config.basePath.length));
  return { runId: match ? decodeURIComponent(match[1]) : null };
}
