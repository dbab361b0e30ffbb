import { useSyncExternalStore } from 'react';

const subscribe = () => () => {};

/**
 * False while the default view is prerendered at build time, true in the browser. Long option
 * lists use it to stay out of the prerendered HTML: the app replaces that HTML before anyone can
 * open a menu, and laying out ~150 unseen options delays the first paint (measured by
 * `npm run bench:ui`).
 */
export function useIsClient(): boolean {
  return useSyncExternalStore(
    subscribe,
    () => true,
    () => false,
  );
}
