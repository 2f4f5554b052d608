import { useNow } from '../hooks/use-now';

/** "Expires in 04:12" (or "Expired at 10:02"), ticking every second, as inline text. */
export function ExpiryText({ expiresAt }: { expiresAt: string }) {
  const left = Math.max(0, Math.floor((Date.parse(expiresAt) - useNow()) / 1000));
  return (
    <>
      {left > 0 ? 'Expires in ' : 'Expired at '}
      <time dateTime={expiresAt} title={new Date(expiresAt).toLocaleString()}>
        {left > 0 ? formatDuration(left) : new Date(expiresAt).toLocaleTimeString()}
      </time>
    </>
  );
}

/** Time left before the wait times out, as its own line. */
export function ExpiryCountdown({ expiresAt }: { expiresAt: string }) {
  return (
    <p className="countdown">
      <ExpiryText expiresAt={expiresAt} />
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
