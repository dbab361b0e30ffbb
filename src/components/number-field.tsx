import { useId, useState } from 'react';

interface Props {
  readonly label: string;
  readonly value: number | null;
  readonly min: number;
  readonly max: number;
  /** Shown when empty is allowed and the field is empty (e.g. "no limit"). */
  readonly emptyLabel?: string;
  readonly onChange: (value: number | null) => void;
}

/** A whole-number box that commits on Enter or blur and explains a bad entry instead of taking it. */
export function NumberField({ label, value, min, max, emptyLabel, onChange }: Props) {
  const id = useId();
  const shown = value === null ? '' : String(value);
  const [typed, setTyped] = useState({ against: value, text: shown });
  const text = typed.against === value ? typed.text : shown;
  const [error, setError] = useState<string | null>(null);
  const commit = () => {
    const trimmed = text.trim().replace(/[,$\s]/g, '');
    if (trimmed === '' && emptyLabel !== undefined) {
      setError(null);
      onChange(null);
      return;
    }
    const n = /^\d+$/.test(trimmed) ? Number(trimmed) : NaN;
    if (!Number.isInteger(n) || n < min || n > max) {
      setError(
        `${label} must be a whole number from ${min.toLocaleString('en-US')} to ${max.toLocaleString('en-US')}${emptyLabel ? ', or empty for ' + emptyLabel : ''}; got '${text}'.`,
      );
      return;
    }
    setError(null);
    onChange(n);
  };
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="text"
        inputMode="numeric"
        value={text}
        placeholder={emptyLabel}
        aria-invalid={error !== null}
        onChange={(e) => setTyped({ against: value, text: e.target.value })}
        onBlur={commit}
        onKeyDown={(e) => {
          if (e.key === 'Enter') commit();
        }}
      />
      {error && (
        <span className="field-error" role="alert">
          {error}
        </span>
      )}
    </div>
  );
}
