import type { JsonValue } from '../graphql/types';

/** An answer as people read it: each field on its own line (an object), else the value. */
export function AnswerValue({ value }: { value: JsonValue }) {
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    const fields = Object.entries(value).filter(([name]) => name !== 'inputType');
    if (!fields.length) return <p className="muted">No fields.</p>;
    return (
      <dl className="answer-value">
        {fields.map(([name, field]) => (
          <div key={name}>
            <dt>{name}</dt>
            <dd>{typeof field === 'string' ? field : JSON.stringify(field)}</dd>
          </div>
        ))}
      </dl>
    );
  }
  return <p className="answer-value">{value === null ? 'No input (a go-ahead)' : JSON.stringify(value)}</p>;
}
