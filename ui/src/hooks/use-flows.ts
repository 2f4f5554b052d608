import { useEffect, useState } from 'react';
import { requestCompatible } from '../graphql/compat';
import { errorMessage } from '../graphql/graphql-request.error';
import { FLOWS, LEGACY_FLOWS } from '../graphql/operations';
import type { FlowDefinition } from '../graphql/types';
import { useConnection } from './use-connection';

/** The flows the app can run (they only change with a deploy: read at start, and again after a reconnect). */
export function useFlows(): { flows: FlowDefinition[]; error: string | null } {
  const [flows, setFlows] = useState<FlowDefinition[]>([]);
  const [error, setError] = useState<string | null>(null);
  const { epoch } = useConnection();
  useEffect(() => {
    requestCompatible<{ flows: FlowDefinition[] }>(FLOWS, LEGACY_FLOWS).then(
      ({ data }) => {
        setFlows(data.flows);
        setError(null);
      },
      (failure: unknown) => setError(errorMessage(failure)),
    );
  }, [epoch]);
  return { flows, error };
}
