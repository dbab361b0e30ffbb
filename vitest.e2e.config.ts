import { defineConfig } from 'vitest/config';

/** Browser tests against the production build in dist/ (run `npm run build` first). */
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.e2e.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    fileParallelism: false,
  },
});
