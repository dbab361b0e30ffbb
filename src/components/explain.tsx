import { useEffect, useId, useRef, useState } from 'react';
import type { Explanation } from '../view-models/explain';

/** A small "how?" button that opens the formula behind a number, with the user's values filled in. */
export function Explain({
  explanation,
  label = 'How is this computed?',
}: {
  readonly explanation: Explanation;
  readonly label?: string;
}) {
  const [open, setOpen] = useState(false);
  const id = useId();
  const ref = useRef<HTMLSpanElement>(null);
  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') setOpen(false);
    };
    const onClick = (e: MouseEvent) => {
      if (ref.current && !ref.current.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('keydown', onKey);
    document.addEventListener('mousedown', onClick);
    return () => {
      document.removeEventListener('keydown', onKey);
      document.removeEventListener('mousedown', onClick);
    };
  }, [open]);
  return (
    <span className="explain" ref={ref}>
      <button
        type="button"
        className="explain-button"
        aria-expanded={open}
        aria-controls={id}
        aria-label={label}
        title={label}
        onClick={() => setOpen(!open)}
      >
        ?
      </button>
      {open && (
        <span className="explain-panel" id={id} role="note">
          <strong>{explanation.title}</strong>
          <code className="explain-formula">{explanation.formula}</code>
          <span className="explain-values">
            {explanation.values.map(([name, value]) => (
              <span key={name}>
                <span className="explain-name">{name}</span> <span className="num">{value}</span>
              </span>
            ))}
          </span>
          {explanation.note && <span className="explain-note">{explanation.note}</span>}
          <a href={explanation.source} target="_blank" rel="noreferrer">
            Source
          </a>
        </span>
      )}
    </span>
  );
}
