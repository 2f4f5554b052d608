import { useEffect, useState } from 'react';
import { request } from '../graphql/client';
import { errorMessage } from '../graphql/graphql-request.error';
import { FLOWS } from '../graphql/operations';
import type { FlowDefinition } from '../graphql/types';

/** The flows the app can run (they only change with a deploy, so read once). */
export function useFlows(): { flows: FlowDefinition[]; error: string | null } {
  const [flows, setFlows] = useState<FlowDefinition[]>([]);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    request<{ flows: FlowDefinition[] }>(FLOWS).then(
      (data) => setFlows(data.flows),
      (failure: unknown) => setError(errorMessage(failure)),
    );
  }, []);
  return { flows, error };
}
