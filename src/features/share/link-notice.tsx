import { useState } from 'react';

/** Names the parts of a shared link that were ignored; the rest of the link was applied. */
export function LinkNotice({ notices }: { readonly notices: readonly string[] }) {
  const [dismissed, setDismissed] = useState('');
  const key = notices.join('\n');
  if (notices.length === 0 || dismissed === key) return null;
  return (
    <div className="notice" role="alert" data-testid="link-notice">
      <div>
        <strong>Parts of this link could not be used.</strong> Everything else was opened as shared.
        <ul>
          {notices.map((n) => (
            <li key={n}>{n}</li>
          ))}
        </ul>
      </div>
      <button type="button" className="btn btn-small" onClick={() => setDismissed(key)}>
        Dismiss
      </button>
    </div>
  );
}
