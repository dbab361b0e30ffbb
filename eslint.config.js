import js from '@eslint/js';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import importX from 'eslint-plugin-import-x';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

// Layers, innermost first: core ← catalog / url / view-models ← features ← app. The CLI sits
// beside the features and may use everything below them.
const zones = [
  {
    target: './src/core',
    from: [
      './src/catalog',
      './src/url',
      './src/view-models',
      './src/planning',
      './src/calibration',
      './src/features',
      './src/app',
      './src/cli',
    ],
    message: 'src/core is the innermost layer: it imports nothing from the rest of src.',
  },
  {
    target: ['./src/catalog', './src/url', './src/view-models', './src/planning', './src/calibration'],
    from: ['./src/components', './src/features', './src/app', './src/cli'],
    message: 'catalog, url and view-models must not depend on UI code or the CLI.',
  },
  {
    target: './src/components',
    from: ['./src/features', './src/app', './src/cli'],
    message: 'shared components must not depend on features.',
  },
  { target: './src/features', from: ['./src/app', './src/cli'], message: 'features must not depend on app or cli.' },
  { target: './src/cli', from: ['./src/features', './src/app'], message: 'the CLI must not depend on UI code.' },
];

export default tseslint.config(
  { ignores: ['dist', 'coverage', 'node_modules', 'test-results'] },
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
      'import-x/no-restricted-paths': ['error', { zones }],
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
    files: ['src/core/**/*.ts'],
    ignores: ['src/core/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['react', 'react-dom', 'recharts', 'node:*', 'zod'],
              message: 'src/core is pure TypeScript: no React, DOM, Node or I/O.',
            },
          ],
        },
      ],
      'no-restricted-globals': ['error', 'fetch', 'window', 'document', 'process'],
    },
  },
  { files: ['**/*.js'], extends: [tseslint.configs.disableTypeChecked] },
);
