import { useState, type FormEvent } from 'react';
import { session, type SignInReason } from '../auth/session';
import { config } from '../config';
import { request } from '../graphql/client';
import { GraphqlRequestError, errorMessage } from '../graphql/graphql-request.error';
import { FLOWS } from '../graphql/operations';

const WHY: Record<SignInReason, string> = {
  required: 'The server behind this inbox only answers people who sign in.',
  rejected: 'The key this tab used is no longer accepted. Sign in again.',
  'signed-out': 'You signed out.',
};

/**
 * Shown when the server refuses the inbox as unauthenticated: the host's own login page (the
 * `ui.signInUrl` option), and a key field. A key is tried once before it is kept, for this tab
 * only (sessionStorage).
 */
export function SignInScreen({ reason }: { reason: SignInReason | null }) {
  const [key, setKey] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const candidate = key.trim();
    if (!candidate) return setError('Enter the key you were given.');
    setBusy(true);
    setError(null);
    try {
      await request(FLOWS, undefined, { apiKey: candidate });
      session.signIn(candidate);
    } catch (failure) {
      const refused = failure instanceof GraphqlRequestError && failure.code === 'UNAUTHENTICATED';
      setError(refused ? 'That key was not accepted. Check it and try again.' : `Could not sign in: ${errorMessage(failure)}`);
    } finally {
      setBusy(false);
    }
  };

  return (
    <main id="main" className="sign-in" aria-labelledby="sign-in-heading">
      <h2 id="sign-in-heading">{config.signInUrl ? 'Sign in to this inbox' : 'This inbox needs a key'}</h2>
      <p>{WHY[reason ?? 'required']}</p>
      {config.signInUrl && (
        <p>
          <a className="button primary" href={config.signInUrl}>
            Sign in with your account
          </a>
        </p>
      )}
      <form onSubmit={(event) => void submit(event)} className="sign-in-form" noValidate>
        <label htmlFor="api-key">{config.signInUrl ? 'Or enter an inbox key' : 'Inbox key'}</label>
        <input
          id="api-key"
          type="password"
          autoComplete="off"
          value={key}
          onChange={(event) => setKey(event.target.value)}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? 'api-key-error api-key-help' : 'api-key-help'}
          autoFocus
        />
        <p id="api-key-help" className="muted">
          Ask whoever runs this app for a key. It is kept in this tab only, until you sign out or close the tab.
        </p>
        {error && (
          <p id="api-key-error" role="alert" className="failure">
            {error}
          </p>
        )}
        <div className="actions">
          <button type="submit" className="primary" disabled={busy}>
            Sign in
          </button>
        </div>
      </form>
    </main>
  );
}
