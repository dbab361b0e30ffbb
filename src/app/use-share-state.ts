import { useCallback, useSyncExternalStore } from 'react';
import { parseShareLink, serializeShareLink, type ParsedLink } from '../url/share-link';
import { poolKey, reuseUnchanged, type ShareState } from '../url/share-state';
import { LINK_CATALOGUE } from '../view-models/link-catalogue';

/**
 * The address bar is the single source of truth for shareable state: components read it through
 * this hook and change it with `update`, which pushes a history entry (Back/Forward work).
 */
const KNOWN = LINK_CATALOGUE;

const CHANGE = 'headroom:urlchange';

function subscribe(onChange: () => void): () => void {
  window.addEventListener('popstate', onChange);
  window.addEventListener(CHANGE, onChange);
  return () => {
    window.removeEventListener('popstate', onChange);
    window.removeEventListener(CHANGE, onChange);
  };
}

/**
 * The parsed address, recomputed only when it changes (useSyncExternalStore needs a stable
 * snapshot). Each new state keeps the identity of the fields that did not change, so memos and
 * components keyed on them (the table's sort and filters, the plan's needs) survive other edits.
 */
let snapshot: { readonly search: string; readonly link: ParsedLink } | null = null;
function getLink(): ParsedLink {
  const search = window.location.search;
  if (snapshot?.search !== search) {
    const link = parseShareLink(search, KNOWN);
    snapshot = {
      search,
      link: { state: reuseUnchanged(snapshot?.link.state ?? null, link.state), notices: link.notices },
    };
  }
  return snapshot.link;
}

// At build time the page is prerendered for the default link.
let serverLink: ParsedLink | null = null;
const getServerLink = () => (serverLink ??= parseShareLink('', KNOWN));

/**
 * A burst of changes to one control (dragging a slider, typing in a search) becomes one history
 * entry: a change replaces the previous entry only if it touches the same fields within
 * COALESCE_MS of it. The first change after the page loads, or after Back/Forward, always pushes,
 * so Back never leaves the page.
 */
const COALESCE_MS = 600;
let lastPush: { readonly at: number; readonly fields: string } | null = null;
if (typeof window !== 'undefined') window.addEventListener('popstate', () => (lastPush = null));

export interface ShareStateApi {
  readonly state: ShareState;
  readonly notices: readonly string[];
  /** A patch, or a function of the current state (for nested fields edited from deferred views). */
  readonly update: (patch: Partial<ShareState> | ((current: ShareState) => Partial<ShareState>)) => void;
}

export function useShareState(): ShareStateApi {
  const parsed = useSyncExternalStore(subscribe, getLink, getServerLink);
  // Stable across renders: it reads the current address when called, so views memoised on it
  // are not rebuilt by every change.
  const update = useCallback((patch: Partial<ShareState> | ((current: ShareState) => Partial<ShareState>)) => {
    const current = parseShareLink(window.location.search, KNOWN).state;
    const changes = typeof patch === 'function' ? patch(current) : patch;
    const merged = { ...current, ...changes };
    // A selection or baseline that no longer exists would come back as a notice: drop it here.
    const sel = merged.selected;
    const selectionValid =
      sel && merged.models.includes(sel.model) && merged.pools.some((p) => poolKey(p) === sel.pool);
    const next = serializeShareLink({ ...merged, selected: selectionValid ? sel : null });
    const url = `${window.location.pathname}${next}${window.location.hash}`;
    const now = performance.now();
    const fields = Object.keys(changes).sort().join(',');
    if (lastPush && lastPush.fields === fields && now - lastPush.at < COALESCE_MS) {
      window.history.replaceState(null, '', url);
    } else {
      window.history.pushState(null, '', url);
    }
    lastPush = { at: now, fields };
    window.dispatchEvent(new Event(CHANGE));
  }, []);
  return { state: parsed.state, notices: parsed.notices, update };
}
