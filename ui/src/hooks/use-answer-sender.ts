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
 * Sends an answer (or a Start form's parameters) and keeps why it did not get through, for the
 * banner above a form (`fieldsMessage` when the server refused fields), and the server's
 * violations for its fields. Stale messages go: the fields' once the person edits, the
 * connection's once the socket is back.
 */
export function useAnswerSender(verb: string, fieldsMessage = 'Some answers need fixing: see the marked fields.') {
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<Failure | null>(null);
  const [serverErrors, setServerErrors] = useState<ErrorSchema | undefined>();
  useOnReconnect(() => setFailure((current) => (current?.kind === 'offline' ? null : current)));

  const report = (error: unknown): void => {
    if (error instanceof GraphqlRequestError && error.code === 'BAD_USER_INPUT' && error.violations.length) {
      setServerErrors(violationsToErrorSchema(error.violations));
      setFailure({ text: fieldsMessage, kind: 'fields' });
      return;
    }
    setFailure({ text: `Could not ${verb}: ${errorMessage(error)}`, kind: isOffline(error) ? 'offline' : 'other' });
  };

  return {
    busy,
    failure,
    serverErrors,
    /** A field changed: the server judged other values. */
    edited(): void {
      setServerErrors(undefined);
      setFailure((current) => (current?.kind === 'fields' ? null : current));
    },
    /** Runs `send`; a failure `handled` does not take is reported on the form. */
    async send(send: () => Promise<void>, handled: (error: unknown) => boolean = () => false): Promise<void> {
      setBusy(true);
      setFailure(null);
      setServerErrors(undefined);
      try {
        await send();
      } catch (error) {
        if (!handled(error)) report(error);
      } finally {
        setBusy(false);
      }
    },
  };
}

export type AnswerSender = ReturnType<typeof useAnswerSender>;
