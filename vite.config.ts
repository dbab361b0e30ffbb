import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  // Relative asset URLs let the built site work from any sub-path (e.g. a project page).
  base: './',
  plugins: [react()],
  test: {
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx', 'test/**/*.test.ts'],
    exclude: ['test/e2e/**', 'node_modules/**'],
    // CLI tests spawn the real binary (tsx start-up ≈ 0.6 s each); allow for a loaded 2-core machine.
    testTimeout: 30_000,
  },
});
