import { useId, useMemo, useState } from 'react';
import { RemovableChips, type ChipItem } from '../../components/removable-chips';
import { parseHubReference, type HubReference } from '../../importers/hub-reference';
import { MAX_MODELS } from '../../url/link-limits';
import type { ModelOption } from '../../view-models/picker-options';

interface Props {
  readonly options: readonly ModelOption[];
  readonly selected: readonly ChipItem[];
  readonly onChange: (keys: string[]) => void;
  /** Reads a model from the Hugging Face Hub: the box also takes repo ids and Hub links. */
  readonly onHub?: ((ref: HubReference) => void) | undefined;
  /** Hosts of a Hub mirror whose links count as Hub links. */
  readonly hubMirrors?: readonly string[] | undefined;
}

const HUB_OPTION = '__hub__';

/**
 * Type-ahead model search grouped by family, and the place to paste a Hugging Face repo id, a
 * huggingface.co / hf.co link or `<repo>:Q4_K_M`; chosen models become removable chips.
 */
export function ModelPicker({ options, selected, onChange, onHub, hubMirrors = [] }: Props) {
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
  const hub = onHub ? parseHubReference(query, hubMirrors) : ({ kind: 'search' } as const);
  const shown = hub.kind === 'hub' ? [] : matches;
  const families = [...new Set(shown.map((m) => m.family))];
  const add = (key: string) => {
    if (key === HUB_OPTION) {
      if (hub.kind === 'hub') onHub?.(hub.ref);
    } else {
      onChange([...selected.map((s) => s.key), key]);
    }
    setQuery('');
    setActive(0);
    setOpen(false);
  };
  const hubLabel =
    hub.kind === 'hub'
      ? `${hub.ref.repo}${hub.ref.file ? ` · ${hub.ref.file}` : hub.ref.quant ? ` · ${hub.ref.quant}` : ''}${hub.ref.revision ? ` @ ${hub.ref.revision}` : ''}`
      : '';
  const activeOption = hub.kind === 'hub' ? { key: HUB_OPTION } : shown[Math.min(active, shown.length - 1)];
  // A link carries MAX_MODELS models; one more would be cut on the next load.
  const full = selected.length >= MAX_MODELS;
  const listed = !full && (hub.kind === 'hub' || shown.length > 0);
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
          aria-expanded={open && listed}
          aria-controls={listId}
          aria-labelledby={`${listId}-label`}
          aria-activedescendant={open && activeOption ? `${listId}-${activeOption.key}` : undefined}
          aria-autocomplete="list"
          placeholder={
            full
              ? `At most ${MAX_MODELS} models`
              : onHub
                ? 'Add a model: llama 70b, Qwen/Qwen3-32B or a Hub link'
                : 'Add a model: type llama, qwen, 70b…'
          }
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
              setActive((a) => Math.min(a + 1, shown.length - 1));
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
        {hub.kind === 'invalid' && query.trim() !== '' && (
          <span className="field-error" role="status">
            {hub.error}
          </span>
        )}
        {full && (
          <span id={`${listId}-full`} className="field-help">
            A link carries at most {MAX_MODELS} models; remove one to add another.
          </span>
        )}
        {open && listed && (
          <ul className="combo-list" id={listId} role="listbox" aria-label="Models">
            {hub.kind === 'hub' && (
              <li
                id={`${listId}-${HUB_OPTION}`}
                role="option"
                aria-selected
                className="combo-option"
                onMouseDown={(e) => {
                  e.preventDefault();
                  add(HUB_OPTION);
                }}
              >
                <span>Read {hubLabel} from the Hugging Face Hub</span>
                <span className="combo-detail">exact sizes from its file headers</span>
              </li>
            )}
            {families.map((family) => (
              <li key={family} role="presentation">
                <span className="combo-group" aria-hidden="true">
                  {family}
                </span>
                <ul role="group" aria-label={family}>
                  {shown
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
