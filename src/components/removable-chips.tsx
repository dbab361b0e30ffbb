/**
 * Chosen items as chips with a remove button each; the last one cannot be removed. An item may
 * carry a status in words (a model still loading, or one that failed, with a retry action).
 */
export interface ChipItem {
  readonly key: string;
  readonly label: string;
  readonly status?: { readonly tone: 'busy' | 'error'; readonly text: string } | undefined;
  readonly onRetry?: (() => void) | undefined;
}

export function RemovableChips({
  label,
  items,
  onRemove,
}: {
  readonly label: string;
  readonly items: readonly ChipItem[];
  readonly onRemove: (key: string) => void;
}) {
  return (
    <ul className="chips" aria-label={label}>
      {items.map((item) => (
        <li
          key={item.key}
          className={item.status ? `chip chip-${item.status.tone}` : 'chip'}
          aria-busy={item.status?.tone === 'busy' ? true : undefined}
        >
          {item.label}
          {item.status && <span className="chip-status">{item.status.text}</span>}
          {item.onRetry && (
            <button type="button" className="chip-text" onClick={item.onRetry}>
              Retry
            </button>
          )}
          <button
            type="button"
            className="chip-remove"
            aria-label={`Remove ${item.label}`}
            disabled={items.length === 1}
            onClick={() => onRemove(item.key)}
          >
            ×
          </button>
        </li>
      ))}
    </ul>
  );
}
