import type { FlowRunLog } from '../graphql/types';

/** The run's log lines; new lines stream in (role="log" lets screen readers announce them). */
export function RunLogs({ logs }: { logs: FlowRunLog[] }) {
  return (
    <div className="logs" role="log" aria-label="Run logs" tabIndex={0}>
      {logs.length === 0 && <p className="muted">No log lines yet.</p>}
      {logs.map((log) => (
        <div key={log.id} className={`log-line log-${log.level}`}>
          <time dateTime={log.timestamp}>{new Date(log.timestamp).toLocaleTimeString()}</time>{' '}
          <span className="log-level">{log.level.toUpperCase()}</span> <span className="log-message">{log.message}</span>
        </div>
      ))}
    </div>
  );
}
