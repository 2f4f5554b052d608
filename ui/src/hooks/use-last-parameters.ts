import { useEffect, useState } from 'react';
import { request } from '../graphql/client';
import { LAST_PARAMETERS } from '../graphql/operations';
import type { JsonValue } from '../graphql/types';

type Result = { flowRuns: { edges: Array<{ node: { id: string; parameters: JsonValue } }> } };

/**
 * The parameters the latest run of `flowName` started with (the API describes no parameters,
 * so an earlier run is the best example there is). `undefined` while loading or unknown, `null`
 * when there is no earlier run.
 */
export function useLastParameters(flowName: string | undefined): { parameters: JsonValue | undefined; found: boolean } {
  const [state, setState] = useState<{ flowName?: string; parameters?: JsonValue; found: boolean }>({ found: false });
  useEffect(() => {
    if (!flowName) return;
    let cancelled = false;
    request<Result>(LAST_PARAMETERS, { flowName }).then(
      (data) => {
        const node = data.flowRuns.edges[0]?.node;
        if (!cancelled) setState({ flowName, parameters: node?.parameters ?? null, found: Boolean(node) });
      },
      () => !cancelled && setState({ flowName, found: false }),
    );
    return () => {
      cancelled = true;
    };
  }, [flowName]);
  return state.flowName === flowName
    ? { parameters: state.parameters, found: state.found }
    : { parameters: undefined, found: false };
}
