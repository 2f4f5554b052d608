import { FLOW_RUN_STATES, type FlowDefinition } from '../graphql/types';
import type { RunsFilter as Filter } from '../hooks/use-runs';

interface Props {
  filter: Filter;
  flows: FlowDefinition[];
  onChange(filter: Filter): void;
}

/** Filter the runs list: what needs an answer (the default), every state, or one; and by flow. */
export function RunsFilter({ filter, flows, onChange }: Props) {
  return (
    <div className="filters" role="group" aria-label="Filter runs">
      <label>
        Show
        <select value={filter.state} onChange={(event) => onChange({ ...filter, state: event.target.value as Filter['state'] })}>
          <option value="NEEDS_ANSWER">Needs answer</option>
          <option value="">All runs</option>
          {FLOW_RUN_STATES.map((state) => (
            <option key={state} value={state}>
              {state}
            </option>
          ))}
        </select>
      </label>
      <label>
        Flow
        <select value={filter.flowName} onChange={(event) => onChange({ ...filter, flowName: event.target.value })}>
          <option value="">All flows</option>
          {flows.map((flow) => (
            <option key={flow.name} value={flow.name}>
              {flow.name}
            </option>
          ))}
        </select>
      </label>
    </div>
  );
}
