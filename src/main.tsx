import './app/styles.css';

let started = false;
function start(): void {
  if (started) return;
  started = true;
  void import('./app/start');
}

// Start the app only once the prerendered page is on screen. Fetching and compiling the app's
// script competes with rasterising that first frame on a 2-core machine and delayed it by tens
// of milliseconds (`npm run bench:ui`). A hidden tab never paints, so it starts at once; the
// timer covers browsers that report no paint timing.
const painted = () => performance.getEntriesByName('first-contentful-paint').length > 0;
// Browsers without paint timing (or without the observer at all) start the app at once.
function paintTimingSupported(): boolean {
  try {
    return PerformanceObserver.supportedEntryTypes.includes('paint');
  } catch {
    return false;
  }
}
if (document.visibilityState === 'hidden' || !paintTimingSupported() || painted()) {
  start();
} else {
  const observer = new PerformanceObserver(() => {
    if (!painted()) return;
    observer.disconnect();
    start();
  });
  observer.observe({ type: 'paint', buffered: true });
  setTimeout(() => {
    observer.disconnect();
    start();
  }, 1000);
}
