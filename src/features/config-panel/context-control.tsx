import { useId, useState } from 'react';
import { formatContext } from '../../view-models/format-units';

interface Props {
  readonly value: number;
  readonly max: number;
  readonly onChange: (tokens: number) => void;
}

const MIN_LOG = Math.log2(256);

/** Context length: a log-scale slider (powers of two) plus an exact number box. */
export function ContextControl({ value, max, onChange }: Props) {
  const id = useId();
  // The typed text belongs to the value it was typed against; a new value from elsewhere replaces it.
  const [typed, setTyped] = useState({ against: value, text: String(value) });
  const draft = typed.against === value ? typed.text : String(value);
  const setDraft = (text: string) => setTyped({ against: value, text });
  const [error, setError] = useState<string | null>(null);
  const maxLog = Math.log2(max);
  const commit = () => {
    const n = /^\s*\d+\s*$/.test(draft) ? Number(draft) : NaN;
    if (!Number.isInteger(n) || n < 1 || n > max) {
      setError(
        `Context must be a whole number of tokens between 1 and ${max.toLocaleString('en-US')}; got '${draft}'.`,
      );
      return;
    }
    setError(null);
    onChange(n);
  };
  return (
    <div className="field">
      <label className="field-label" htmlFor={`${id}-range`}>
        Context <span className="field-value">{formatContext(value)} tokens per sequence</span>
      </label>
      <div className="inline">
        <input
          id={`${id}-range`}
          type="range"
          min={MIN_LOG}
          max={maxLog}
          step={0.5}
          value={Math.min(maxLog, Math.max(MIN_LOG, Math.log2(value)))}
          aria-valuetext={`${formatContext(value)} tokens`}
          onChange={(e) => {
            // Half steps land on 2^n and 1.5 × 2^n (8K, 12K, 16K, …).
            const log = Number(e.target.value);
            const whole = Math.floor(log);
            onChange(Math.min(max, Math.round((log === whole ? 1 : 1.5) * 2 ** whole)));
          }}
        />
        <input
          className="num-input"
          type="text"
          inputMode="numeric"
          aria-label="Context in tokens"
          value={draft}
          aria-invalid={error !== null}
          onChange={(e) => setDraft(e.target.value)}
          onBlur={commit}
          onKeyDown={(e) => {
            if (e.key === 'Enter') commit();
          }}
        />
      </div>
      {error && (
        <span className="field-error" role="alert">
          {error}
        </span>
      )}
    </div>
  );
}
