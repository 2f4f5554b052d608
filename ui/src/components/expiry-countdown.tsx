import { useNow } from '../hooks/use-now';

/** Time left before the pause times out, ticking every second. */
export function ExpiryCountdown({ expiresAt }: { expiresAt: string }) {
  const left = Math.max(0, Math.floor((Date.parse(expiresAt) - useNow()) / 1000));
  return (
    <p className="countdown">
      {left > 0 ? 'Expires in ' : 'Expired at '}
      <time dateTime={expiresAt} title={new Date(expiresAt).toLocaleString()}>
        {left > 0 ? formatDuration(left) : new Date(expiresAt).toLocaleTimeString()}
      </time>
    </p>
  );
}

function formatDuration(seconds: number): string {
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  const mmss = `${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')}`;
  return h ? `${h}:${mmss}` : mmss;
}
