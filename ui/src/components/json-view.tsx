import type { JsonValue } from '../graphql/types';

/** A JSON value, pretty-printed; `empty` when there is none. Focusable, so it scrolls by keyboard. */
export function JsonView({ value, empty = 'none' }: { value: JsonValue | undefined; empty?: string }) {
  if (value === null || value === undefined) return <p className="muted">{empty}</p>;
  return (
    <pre className="json" tabIndex={0}>
      {JSON.stringify(value, null, 2)}
    </pre>
  );
}
