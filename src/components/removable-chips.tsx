/** Chosen items as chips with a remove button each; the last one cannot be removed. */
export function RemovableChips({
  label,
  items,
  onRemove,
}: {
  readonly label: string;
  readonly items: readonly { readonly key: string; readonly label: string }[];
  readonly onRemove: (key: string) => void;
}) {
  return (
    <ul className="chips" aria-label={label}>
      {items.map((item) => (
        <li key={item.key} className="chip">
          {item.label}
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
