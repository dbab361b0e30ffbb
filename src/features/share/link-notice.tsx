import { useState } from 'react';

/** Notices listed before the rest are summed up: a link with 1,000 bad parts stays readable. */
const SHOWN = 8;

/** Names the parts of a shared link that were ignored; the rest of the link was applied. */
export function LinkNotice({ notices }: { readonly notices: readonly string[] }) {
  const [dismissed, setDismissed] = useState('');
  const [expanded, setExpanded] = useState(false);
  const key = notices.join('\n');
  if (notices.length === 0 || dismissed === key) return null;
  const shown = expanded ? notices : notices.slice(0, SHOWN);
  const hidden = notices.length - shown.length;
  return (
    <div className="notice" role="alert" data-testid="link-notice">
      <div className="notice-body">
        <strong>Parts of this link could not be used.</strong> Everything else was opened as shared.
        <ul>
          {shown.map((n, i) => (
            // Two parts can be refused with the same words; the position keeps the keys apart.
            <li key={`${i}:${n}`}>{n}</li>
          ))}
        </ul>
        {hidden > 0 && (
          <button type="button" className="link-button" onClick={() => setExpanded(true)}>
            Show {hidden} more
          </button>
        )}
      </div>
      <button type="button" className="btn btn-small" onClick={() => setDismissed(key)}>
        Dismiss
      </button>
    </div>
  );
}
