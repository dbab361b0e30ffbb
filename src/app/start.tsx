import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app';
import { PageBoundary } from './page-boundary';

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <PageBoundary>
        <App />
      </PageBoundary>
    </StrictMode>,
  );
}
