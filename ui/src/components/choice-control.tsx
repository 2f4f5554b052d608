import type { ChoiceOption } from '../forms/choice';

interface Props {
  name: string;
  options: ChoiceOption[];
  value: string | null;
  /** The element whose text names the choice (the form's heading). */
  labelledBy: string;
  error: string | null;
  disabled: boolean;
  onChange(inputType: string): void;
}

/** A choice's options as radio buttons, named by the form's heading ("Decision: Approve / Reject"). */
export function ChoiceControl({ name, options, value, labelledBy, error, disabled, onChange }: Props) {
  const errorId = `${name}-error`;
  return (
    <div
      className={`choice${error ? ' has-error' : ''}`}
      role="radiogroup"
      aria-labelledby={labelledBy}
      aria-describedby={error ? errorId : undefined}
      aria-required="true"
      aria-invalid={error ? true : undefined}
    >
      {options.map((option) => (
        <label key={option.inputType} className="choice-option">
          <input
            type="radio"
            name={name}
            value={option.inputType}
            checked={value === option.inputType}
            disabled={disabled}
            onChange={() => onChange(option.inputType)}
          />
          {option.title}
        </label>
      ))}
      {error && (
        <p id={errorId} className="failure choice-error">
          {error}
        </p>
      )}
    </div>
  );
}
