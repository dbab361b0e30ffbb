import { useId, useState } from 'react';

/** What a typed entry means: a value to commit (null for empty), or why it is refused. */
export type EntryCheck =
  { readonly ok: true; readonly value: number | null } | { readonly ok: false; readonly error: string };

interface Props {
  readonly label: string;
  readonly value: number | null;
  /** The value as the box shows it. */
  readonly shown: string;
  readonly check: (text: string) => EntryCheck;
  readonly onChange: (value: number | null) => void;
  readonly placeholder?: string | undefined;
  readonly inputMode?: 'numeric' | 'decimal' | undefined;
}

/**
 * A text box for a number that commits on Enter or blur and explains a refused entry instead of
 * taking it. What is typed is kept until the value changes from elsewhere (a link, a reset).
 */
export function EntryField({ label, value, shown, check, onChange, placeholder, inputMode }: Props) {
  const id = useId();
  const [typed, setTyped] = useState({ against: value, text: shown });
  const text = typed.against === value ? typed.text : shown;
  const [error, setError] = useState<string | null>(null);
  const commit = () => {
    const r = check(text);
    if (!r.ok) {
      setError(r.error);
      return;
    }
    setError(null);
    onChange(r.value);
  };
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="text"
        inputMode={inputMode}
        value={text}
        placeholder={placeholder}
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
