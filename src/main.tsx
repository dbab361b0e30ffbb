import './app/styles.css';

// Let the browser paint the prerendered page before the app's script is parsed and run: the
// entry itself is tiny and loads the app once the first frame is out.
requestAnimationFrame(() => {
  setTimeout(() => void import('./app/start'), 0);
});
