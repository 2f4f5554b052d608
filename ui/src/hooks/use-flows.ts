import { useEffect, useState } from 'react';
import { request } from '../graphql/client';
import { errorMessage } from '../graphql/graphql-request.error';
import { FLOWS } from '../graphql/operations';
import type { FlowDefinition } from '../graphql/types';
import { useConnection } from './use-connection';

/** The flows the app can run (they only change with a deploy: read at start, and again after a reconnect). */
export function useFlows(): { flows: FlowDefinition[]; error: string | null } {
  const [flows, setFlows] = useState<FlowDefinition[]>([]);
  const [error, setError] = useState<string | null>(null);
  const { epoch } = useConnection();
  useEffect(() => {
    request<{ flows: FlowDefinition[] }>(FLOWS).then(
      (data) => {
        setFlows(data.flows);
        setError(null);
      },
      (failure: unknown) => setError(errorMessage(failure)),
    );
  }, [epoch]);
  return { flows, error };
}
