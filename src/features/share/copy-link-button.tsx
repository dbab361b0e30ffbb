import { useEffect, useState } from 'react';

/** Copies the current address (which holds the whole configuration) and says so. */
export function CopyLinkButton() {
  const [status, setStatus] = useState<'idle' | 'copied' | 'failed'>('idle');
  useEffect(() => {
    if (status === 'idle') return;
    const t = window.setTimeout(() => setStatus('idle'), 2500);
    return () => window.clearTimeout(t);
  }, [status]);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(window.location.href);
      setStatus('copied');
    } catch {
      setStatus('failed');
    }
  };
  return (
    <>
      <button type="button" className="btn btn-primary" onClick={() => void copy()}>
        {status === 'copied' ? 'Link copied' : 'Copy link'}
      </button>
      <span className="visually-hidden" role="status">
        {status === 'copied'
          ? 'Link copied to the clipboard'
          : status === 'failed'
            ? 'Could not copy: copy the address bar instead'
            : ''}
      </span>
      {status === 'failed' && <span className="copy-failed">Copy the address bar instead</span>}
    </>
  );
}
