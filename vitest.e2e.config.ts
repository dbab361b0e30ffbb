import { defineConfig } from 'vitest/config';

/** Browser tests against the production build in dist/ (run `npm run build` first). */
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.e2e.test.ts'],
    // Each wait inside a test is 5 s at most (newContext); a test fails long before this.
    testTimeout: 20_000,
    hookTimeout: 30_000,
    fileParallelism: false,
  },
});
