import { EntryField } from './entry-field';

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
  const check = (text: string) => {
    const trimmed = text.trim().replace(/[,$\s]/g, '');
    if (trimmed === '' && emptyLabel !== undefined) return { ok: true, value: null } as const;
    const n = (decimals ? /^\d+(?:\.\d+)?$/ : /^\d+$/).test(trimmed) ? Number(trimmed) : NaN;
    if (Number.isFinite(n) && n >= min && n <= max) return { ok: true, value: n } as const;
    return {
      ok: false,
      error: `${label} must be a ${decimals ? 'number' : 'whole number'} from ${min.toLocaleString('en-US')} to ${max.toLocaleString('en-US')}${emptyLabel ? ', or empty for ' + emptyLabel : ''}; got '${text}'.`,
    } as const;
  };
  return (
    <EntryField
      label={label}
      value={value}
      shown={value === null ? '' : String(value)}
      check={check}
      onChange={onChange}
      placeholder={emptyLabel}
      inputMode={decimals ? 'decimal' : 'numeric'}
    />
  );
}
