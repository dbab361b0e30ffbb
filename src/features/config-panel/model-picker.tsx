import { useId, useMemo, useState } from 'react';
import { RemovableChips, type ChipItem } from '../../components/removable-chips';
import { MAX_MODELS } from '../../url/link-limits';
import type { ModelOption } from '../../view-models/picker-options';

interface Props {
  readonly options: readonly ModelOption[];
  readonly selected: readonly ChipItem[];
  readonly onChange: (keys: string[]) => void;
}

/** Type-ahead model search grouped by family; chosen models become removable chips. */
export function ModelPicker({ options, selected, onChange }: Props) {
  const [query, setQuery] = useState('');
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const listId = useId();
  const chosen = new Set(selected.map((s) => s.key));
  const matches = useMemo(() => {
    const q = query.trim().toLowerCase();
    return options.filter((o) => !chosen.has(o.key) && (q === '' || q.split(/\s+/).every((w) => o.search.includes(w))));
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `chosen` is derived from `selected`
  }, [options, query, selected]);
  const families = [...new Set(matches.map((m) => m.family))];
  const add = (key: string) => {
    onChange([...selected.map((s) => s.key), key]);
    setQuery('');
    setActive(0);
  };
  const activeOption = matches[Math.min(active, matches.length - 1)];
  // A link carries MAX_MODELS models; one more would be cut on the next load.
  const full = selected.length >= MAX_MODELS;
  return (
    <div className="field">
      <span className="field-label" id={`${listId}-label`}>
        Models <span className="field-value">{selected.length} chosen</span>
      </span>
      <RemovableChips
        label="Chosen models"
        items={selected}
        onRemove={(key) => onChange(selected.map((x) => x.key).filter((k) => k !== key))}
      />
      <div className="combo">
        <input
          type="text"
          role="combobox"
          aria-expanded={open && !full && matches.length > 0}
          aria-controls={listId}
          aria-labelledby={`${listId}-label`}
          aria-activedescendant={open && activeOption ? `${listId}-${activeOption.key}` : undefined}
          aria-autocomplete="list"
          placeholder={full ? `At most ${MAX_MODELS} models` : 'Add a model: type llama, qwen, 70b…'}
          disabled={full}
          aria-describedby={full ? `${listId}-full` : undefined}
          value={query}
          onChange={(e) => {
            setQuery(e.target.value);
            setOpen(true);
            setActive(0);
          }}
          onFocus={() => setOpen(true)}
          onBlur={() => setOpen(false)}
          onKeyDown={(e) => {
            if (e.key === 'ArrowDown') {
              setOpen(true);
              setActive((a) => Math.min(a + 1, matches.length - 1));
              e.preventDefault();
            } else if (e.key === 'ArrowUp') {
              setActive((a) => Math.max(a - 1, 0));
              e.preventDefault();
            } else if (e.key === 'Enter' && open && activeOption) {
              add(activeOption.key);
              e.preventDefault();
            } else if (e.key === 'Escape') {
              setOpen(false);
            }
          }}
        />
        {full && (
          <span id={`${listId}-full`} className="field-help">
            A link carries at most {MAX_MODELS} models; remove one to add another.
          </span>
        )}
        {open && !full && matches.length > 0 && (
          <ul className="combo-list" id={listId} role="listbox" aria-label="Models">
            {families.map((family) => (
              <li key={family} role="presentation">
                <span className="combo-group" aria-hidden="true">
                  {family}
                </span>
                <ul role="group" aria-label={family}>
                  {matches
                    .filter((m) => m.family === family)
                    .map((m) => (
                      <li
                        key={m.key}
                        id={`${listId}-${m.key}`}
                        role="option"
                        aria-selected={m === activeOption}
                        className="combo-option"
                        onMouseDown={(e) => {
                          e.preventDefault();
                          add(m.key);
                        }}
                      >
                        <span>{m.name}</span>
                        <span className="combo-detail">
                          {m.detail}
                          {m.moe && <span className="tag">MoE</span>}
                        </span>
                      </li>
                    ))}
                </ul>
              </li>
            ))}
          </ul>
        )}
      </div>
    </div>
  );
}
