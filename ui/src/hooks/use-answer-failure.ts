import type { ErrorSchema } from '@rjsf/utils';
import { useState } from 'react';
import { violationsToErrorSchema } from '../forms/violations-to-error-schema';
import { GraphqlRequestError, errorMessage, isOffline } from '../graphql/graphql-request.error';
import { useOnReconnect } from './use-on-reconnect';

interface Failure {
  text: string;
  /** `fields`: the server's violations, shown at their fields (cleared once a field changes); `offline`: cleared on reconnect. */
  kind: 'fields' | 'offline' | 'other';
}

/**
 * Why an answer did not get through, for the banner above a form, and the server's violations
 * for its fields. Stale messages go: the fields' once the person edits, the connection's once
 * the socket is back.
 */
export function useAnswerFailure(verb: string) {
  const [failure, setFailure] = useState<Failure | null>(null);
  const [serverErrors, setServerErrors] = useState<ErrorSchema | undefined>();
  useOnReconnect(() => setFailure((current) => (current?.kind === 'offline' ? null : current)));
  return {
    failure,
    serverErrors,
    clear(): void {
      setFailure(null);
      setServerErrors(undefined);
    },
    /** A field changed: the server judged other values. */
    edited(): void {
      setServerErrors(undefined);
      setFailure((current) => (current?.kind === 'fields' ? null : current));
    },
    report(error: unknown): void {
      if (error instanceof GraphqlRequestError && error.code === 'BAD_USER_INPUT' && error.violations.length) {
        setServerErrors(violationsToErrorSchema(error.violations));
        setFailure({ text: 'Some answers need fixing: see the marked fields.', kind: 'fields' });
        return;
      }
      setFailure({ text: `Could not ${verb}: ${errorMessage(error)}`, kind: isOffline(error) ? 'offline' : 'other' });
    },
  };
}
