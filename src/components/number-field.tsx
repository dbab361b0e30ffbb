import { useId, useState } from 'react';

interface Props {
  readonly label: string;
  readonly value: number | null;
  readonly min: number;
  readonly max: number;
  /** Shown when empty is allowed and the field is empty (e.g. "no limit"). */
  readonly emptyLabel?: string;
  /** Accept decimals ("89.6") instead of whole numbers only. */
  readonly decimals?: boolean;
  readonly onChange: (value: number | null) => void;
}

/** A whole-number box that commits on Enter or blur and explains a bad entry instead of taking it. */
export function NumberField({ label, value, min, max, emptyLabel, decimals = false, onChange }: Props) {
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
    const n = (decimals ? /^\d+(?:\.\d+)?$/ : /^\d+$/).test(trimmed) ? Number(trimmed) : NaN;
    if (!Number.isFinite(n) || n < min || n > max) {
      setError(
        `${label} must be a ${decimals ? 'number' : 'whole number'} from ${min.toLocaleString('en-US')} to ${max.toLocaleString('en-US')}${emptyLabel ? ', or empty for ' + emptyLabel : ''}; got '${text}'.`,
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
        inputMode={decimals ? 'decimal' : 'numeric'}
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
