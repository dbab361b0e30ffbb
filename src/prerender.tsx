import { StrictMode } from 'react';
import { renderToString } from 'react-dom/server';
import { App } from './app/app';

/** The default view as HTML, injected into dist/index.html at build time so the page paints before any script runs. */
export function render(): string {
  return renderToString(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}
