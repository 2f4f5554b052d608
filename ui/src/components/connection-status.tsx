import { useConnection } from '../hooks/use-connection';

const LABELS = { connecting: 'Connecting…', live: 'Live', offline: 'Offline, reconnecting…' } as const;

/** Whether the live updates are flowing. */
export function ConnectionStatus() {
  const { status } = useConnection();
  return (
    <span className={`connection connection-${status}`} role="status" aria-label={`Live updates: ${LABELS[status]}`}>
      <span aria-hidden="true" className="connection-dot" /> {LABELS[status]}
    </span>
  );
}
