import type { JsonValue } from '../graphql/types';

/** A field's name for people: 'approvedBy' -> 'Approved by' (an answer carries no schema titles). */
function fieldLabel(name: string): string {
  const words = name.replace(/([a-z0-9])([A-Z])/g, '$1 $2').replace(/[_-]+/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1).toLowerCase();
}

/** An answer as people read it: each field on its own line (an object), else the value. */
export function AnswerValue({ value }: { value: JsonValue }) {
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    const fields = Object.entries(value).filter(([name]) => name !== 'inputType');
    if (!fields.length) return <p className="muted">No fields.</p>;
    return (
      <dl className="answer-value">
        {fields.map(([name, field]) => (
          <div key={name}>
            <dt>{fieldLabel(name)}</dt>
            <dd>{typeof field === 'string' ? field : JSON.stringify(field)}</dd>
          </div>
        ))}
      </dl>
    );
  }
  return <p className="answer-value">{value === null ? 'No input (a go-ahead)' : JSON.stringify(value)}</p>;
}
