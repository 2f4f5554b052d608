import { request } from './client';
import { isSchemaMismatch } from './graphql-request.error';

/** Set once the server refused a current document for a field it lacks: older documents from then on. */
let legacy = false;

/** Whether the server behind this page is older than the inbox (no titles, receiving, answers). */
export const isLegacyServer = (): boolean => legacy;

export function switchToLegacyDocuments(): void {
  legacy = true;
}

/**
 * `current`, or `older` when the server lacks a field `current` reads: an older nestflow still
 * gets a working inbox, without what it cannot tell.
 */
export async function requestCompatible<T>(
  current: string,
  older: string,
  variables?: Record<string, unknown>,
): Promise<{ data: T; legacy: boolean }> {
  if (!legacy) {
    try {
      return { data: await request<T>(current, variables), legacy: false };
    } catch (error) {
      if (!isSchemaMismatch(error)) throw error;
      switchToLegacyDocuments();
    }
  }
  return { data: await request<T>(older, variables), legacy: true };
}
