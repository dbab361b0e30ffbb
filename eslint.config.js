import { readdirSync } from 'node:fs';
import js from '@eslint/js';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import importX from 'eslint-plugin-import-x';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

// Layers, innermost first. Each boundary is its own zone, so the picture of the layers cannot
// drift from the code (tests may reach across layers: they are excluded below).
//   core ← importers ← catalog ← calibration, planning ← view-models ← components ← features ← app
//   url sits beside catalog (it reads only core); hub (the Hugging Face Hub client: fetch, no
//   UI) sits on the importers; the CLI sits beside the features and uses everything below them
//   but no UI code.
const src = (dir) => `./src/${dir}`;
const ALL = [
  'core',
  'importers',
  'hub',
  'catalog',
  'url',
  'calibration',
  'planning',
  'view-models',
  'components',
  'features',
  'cli',
  'app',
];
const zone = (target, allowed, message) => ({
  target: src(target),
  from: ALL.filter((d) => d !== target && !allowed.includes(d)).map(src),
  message,
});
const FEATURES = readdirSync(new URL('./src/features', import.meta.url), { withFileTypes: true })
  .filter((e) => e.isDirectory())
  .map((e) => e.name);
export const zones = [
  zone('core', [], 'src/core is the innermost layer: it imports nothing from the rest of src.'),
  zone('importers', ['core'], 'importers are pure parsers of untrusted input: they may use only src/core.'),
  zone(
    'hub',
    ['core', 'importers'],
    'the Hub client reads the network through the importers: it uses only src/core and src/importers.',
  ),
  zone(
    'catalog',
    ['core', 'importers'],
    'catalog never imports url, calibration, planning, view-models, UI or the CLI.',
  ),
  zone(
    'url',
    ['core'],
    'the link codec never imports the catalogue, calibration, planning, view-models, UI or the CLI.',
  ),
  zone(
    'calibration',
    ['core', 'importers', 'catalog'],
    'calibration never imports planning, view-models, UI or the CLI.',
  ),
  zone('planning', ['core', 'importers', 'catalog'], 'planning never imports calibration, view-models, UI or the CLI.'),
  zone(
    'view-models',
    ['core', 'importers', 'catalog', 'url', 'planning', 'calibration'],
    'view-models are pure mappers: no UI code, no CLI.',
  ),
  zone(
    'components',
    ['core', 'importers', 'catalog', 'url', 'planning', 'calibration', 'view-models'],
    'shared components must not depend on features, the app or the CLI.',
  ),
  zone(
    'features',
    ['core', 'importers', 'catalog', 'url', 'planning', 'calibration', 'view-models', 'components'],
    'features must not depend on the app or the CLI.',
  ),
  ...FEATURES.map((f) => ({
    target: `./src/features/${f}`,
    from: './src/features',
    except: [`./${f}`],
    message: 'features never import each other: share through components or view-models, or meet in src/app.',
  })),
  zone(
    'cli',
    ['core', 'importers', 'hub', 'catalog', 'url', 'planning', 'calibration', 'view-models'],
    'the CLI must not depend on UI code.',
  ),
];

export default tseslint.config(
  { ignores: ['dist', 'dist-ssr', 'dist-cli', 'dist-core', 'coverage', 'node_modules', 'test-results'] },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
      globals: { ...globals.browser, ...globals.node },
    },
    plugins: { 'import-x': importX, 'react-hooks': reactHooks },
    settings: { 'import-x/resolver-next': [createTypeScriptImportResolver()] },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'import-x/no-cycle': 'error',
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      // `onClick={() => setOpen(false)}` is idiomatic React.
      '@typescript-eslint/no-confusing-void-expression': ['error', { ignoreArrowShorthand: true }],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
    },
  },
  {
    files: ['src/**/*.ts', 'src/**/*.tsx'],
    ignores: ['src/**/*.test.ts', 'src/**/*.test.tsx'],
    rules: {
      'import-x/no-restricted-paths': ['error', { zones }],
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/public-api'],
              message: 'public-api.ts is the package entry for users; import the module itself.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/core/**/*.ts', 'src/importers/**/*.ts'],
    ignores: ['src/core/**/*.test.ts', 'src/importers/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['react', 'react-dom', 'recharts', 'node:*', 'zod'],
              message: 'src/core and src/importers are pure TypeScript: no React, DOM, Node or I/O.',
            },
          ],
        },
      ],
      'no-restricted-globals': ['error', 'fetch', 'window', 'document', 'process'],
    },
  },
  { files: ['**/*.js'], extends: [tseslint.configs.disableTypeChecked] },
);
