import type { FlowRunStateRecord } from '../graphql/types';
import { StateBadge } from './state-badge';
import { TimeText } from './time-text';

/** Every state the run went through, oldest first. */
export function StateHistory({ states }: { states: FlowRunStateRecord[] }) {
  return (
    <ol className="history" aria-label="State history">
      {states.map((record) => (
        <li key={record.id}>
          <StateBadge state={record.state} /> <TimeText value={record.timestamp} />
          {record.message && <span className="muted"> — {record.message}</span>}
        </li>
      ))}
    </ol>
  );
}
