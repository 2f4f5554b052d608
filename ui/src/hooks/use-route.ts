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
export function navigate(path: string): void {
  window.history.pushState(null, '', hrefFor(path));
  window.dispatchEvent(new Event(NAVIGATED));
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
