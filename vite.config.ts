import react from '@vitejs/plugin-react';
import type { Plugin, UserConfig } from 'vite';
import { defineConfig } from 'vitest/config';
// With extensions: Vite loads its config (and what it imports) as plain ES modules.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { dataFileProblem, isDataFile, pageCopy } from './src/catalog/data-files.ts';
import { decodeNotes } from './src/catalog/decode-notes.ts';
import type { Measurement } from './src/catalog/measurement-schema.ts';

/**
 * Validates data/*.json against the catalogue schema as the bundles import it (build, dev server
 * and tests), so a broken entry fails there with its path and the JSON ships as it is; the
 * page's production build leaves out the fields it never reads (`pageCopy`).
 */
function catalogData(forPage: boolean): Plugin {
  let building = false;
  return {
    name: 'headroom-catalog-data',
    enforce: 'pre',
    configResolved(config) {
      building = config.command === 'build';
    },
    transform(code, id) {
      const path = id.split('?')[0] ?? id;
      if (!isDataFile(path)) return null;
      const json: unknown = JSON.parse(code);
      const problem = dataFileProblem(path, json);
      if (problem) this.error(problem);
      const copy = forPage && building ? pageCopy(path, json) : null;
      return copy ? { code: JSON.stringify(copy), map: null } : null;
    },
  };
}

/**
 * `virtual:decode-notes`: the newest published decode speed per configuration, built from
 * data/benchmarks (validated as every data file is) for the verdict banner's measured note, so the
 * page fetches a few KB instead of every measurement.
 */
function decodeNotesModule(): Plugin {
  const id = '\0virtual:decode-notes';
  const dir = join(import.meta.dirname, 'data', 'benchmarks');
  return {
    name: 'headroom-decode-notes',
    resolveId: (source) => (source === 'virtual:decode-notes' ? id : null),
    load(loaded) {
      if (loaded !== id) return null;
      const rows: Measurement[] = [];
      for (const file of readdirSync(dir).filter((f) => f.endsWith('.json'))) {
        const path = join(dir, file);
        this.addWatchFile(path);
        const json: unknown = JSON.parse(readFileSync(path, 'utf8'));
        const problem = dataFileProblem(path, json);
        if (problem) this.error(problem);
        rows.push(...(json as Measurement[]));
      }
      return `export default ${JSON.stringify(decodeNotes(rows))};`;
    },
  };
}

/**
 * `vite build --mode cli` bundles the command line into one file, dist-cli/headroom.js, with the
 * catalogue inlined and no dependencies, so `npx headroom` starts without a TypeScript compiler
 * and a packed tarball installs offline.
 */
const cli: UserConfig = {
  plugins: [catalogData(false)],
  publicDir: false,
  build: {
    ssr: 'src/cli/bin.ts',
    outDir: 'dist-cli',
    emptyOutDir: true,
    target: 'node20',
    minify: true,
    rolldownOptions: { output: { entryFileNames: 'headroom.js' } },
  },
  ssr: { noExternal: true, target: 'node' },
};

export default defineConfig(({ mode }) =>
  mode === 'cli'
    ? cli
    : {
        // Relative asset URLs let the built site work from any sub-path (e.g. a project page).
        base: './',
        plugins: [catalogData(true), decodeNotesModule(), react()],
        test: {
          include: ['src/**/*.test.ts', 'src/**/*.test.tsx', 'test/**/*.test.ts'],
          exclude: ['test/e2e/**', 'node_modules/**'],
          // Test files share one module graph per worker: the catalogue and estimator load once
          // instead of once per file (npm run check:unit 17 s → 7 s). No test keeps state that
          // another file reads; environments still come per file.
          isolate: false,
        },
      },
);
