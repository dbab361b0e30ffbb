import { useId } from 'react';
import { useIsClient } from '../../components/use-is-client';
import type { FormatGroup } from '../../view-models/picker-options';

interface Props {
  readonly groups: readonly FormatGroup[];
  /** Why the runtime cannot load a group's formats ("runs in llama.cpp, not vLLM"), or null. */
  readonly unavailable: (family: FormatGroup['family']) => string | null;
  readonly selected: readonly { readonly id: string; readonly label: string }[];
  readonly onChange: (ids: string[]) => void;
}

/** Formats to compare; the first one is the matrix's. */
export function FormatPicker({ groups, unavailable, selected, onChange }: Props) {
  const id = useId();
  const isClient = useIsClient();
  const ids = selected.map((s) => s.id);
  return (
    <div className="field">
      <span className="field-label">
        Weight formats <span className="field-value">{selected.map((s) => s.label).join(', ')}</span>
      </span>
      <ul className="chips" aria-label="Chosen formats">
        {selected.map((s, i) => (
          <li key={s.id} className={i === 0 ? 'chip chip-primary' : 'chip'}>
            {i === 0 ? (
              <span title="Shown in the fit matrix">{s.label} · matrix</span>
            ) : (
              <button
                type="button"
                className="chip-text"
                title="Show this format in the fit matrix"
                onClick={() => onChange([s.id, ...ids.filter((x) => x !== s.id)])}
              >
                {s.label}
              </button>
            )}
            <button
              type="button"
              className="chip-remove"
              aria-label={`Remove ${s.label}`}
              disabled={selected.length === 1}
              onClick={() => onChange(ids.filter((x) => x !== s.id))}
            >
              ×
            </button>
          </li>
        ))}
      </ul>
      <select
        id={id}
        aria-label="Add a format to compare"
        value=""
        onChange={(e) => {
          if (e.target.value) onChange([...ids, e.target.value]);
        }}
      >
        <option value="">Add a format to compare…</option>
        {isClient &&
          groups.map((g) => {
            const why = unavailable(g.family);
            return (
              <optgroup key={g.label} label={why ? `${g.label}: ${why}` : g.label} disabled={why !== null}>
                {g.options
                  .filter((o) => !ids.includes(o.id))
                  .map((o) => (
                    <option key={o.id} value={o.id}>
                      {o.label} ({o.bits} bits)
                    </option>
                  ))}
              </optgroup>
            );
          })}
      </select>
    </div>
  );
}
