import { EntryField } from './entry-field';

interface Props {
  readonly label: string;
  readonly value: number | null;
  readonly min: number;
  readonly max: number;
  /** How the value reads in the box ("100M", "2.49"). */
  readonly format: (value: number) => string;
  /** What a valid entry looks like, for the error message ("a number of tokens such as 1e8, 100m or 2.5b"). */
  readonly expects: string;
  /** Shown when the field may be left empty (e.g. "no limit"). */
  readonly emptyLabel?: string;
  readonly onChange: (value: number | null) => void;
}

const SUFFIX: Readonly<Record<string, number>> = { k: 1e3, m: 1e6, b: 1e9, t: 1e12 };

/** "2.5b", "100M", "1e8", "2.49", "$3" → a number; NaN when it is not one. */
export function parseQuantity(text: string): number {
  const m = /^\s*\$?\s*(\d+(?:\.\d+)?(?:e\d+)?)\s*([kmbt])?\s*$/i.exec(text.replace(/,/g, ''));
  if (!m) return Number.NaN;
  return Number(m[1]) * (m[2] ? (SUFFIX[m[2].toLowerCase()] ?? 1) : 1);
}

/** A number box for decimals and large counts that commits on Enter or blur and explains a bad entry. */
export function QuantityField({ label, value, min, max, format, expects, emptyLabel, onChange }: Props) {
  const check = (text: string) => {
    if (text.trim() === '' && emptyLabel !== undefined) return { ok: true, value: null } as const;
    const n = parseQuantity(text);
    if (n >= min && n <= max) return { ok: true, value: n } as const;
    return {
      ok: false,
      error: `${label} must be ${expects}, from ${format(min)} to ${format(max)}${emptyLabel ? `, or empty for ${emptyLabel}` : ''}; got '${text.slice(0, 40)}'.`,
    } as const;
  };
  return (
    <EntryField
      label={label}
      value={value}
      shown={value === null ? '' : format(value)}
      check={check}
      onChange={onChange}
      placeholder={emptyLabel}
    />
  );
}
