import { join } from 'node:path';
import { ESLint } from 'eslint';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import importX from 'eslint-plugin-import-x';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';
import { zones } from '../eslint.config.js';

// The layer boundaries of eslint.config.js, tried on probe files: each forbidden import must be
// reported and each allowed one must pass, so a zone that stops matching fails here.
const root = join(import.meta.dirname, '..');
const eslint = new ESLint({
  cwd: root,
  overrideConfigFile: true,
  overrideConfig: [
    {
      files: ['**/*.ts', '**/*.tsx'],
      languageOptions: { parser: tseslint.parser },
      plugins: { 'import-x': importX },
      settings: { 'import-x/resolver-next': [createTypeScriptImportResolver()] },
      rules: { 'import-x/no-restricted-paths': ['error', { zones }] },
    },
  ],
});

async function reported(file: string, spec: string): Promise<boolean> {
  const [result] = await eslint.lintText(`import * as probe from '${spec}';\nexport default probe;\n`, {
    filePath: join(root, file),
  });
  return (result?.messages ?? []).some((m) => m.ruleId === 'import-x/no-restricted-paths');
}

describe('layer boundaries', () => {
  it.each([
    ['src/core/probe.ts', '../catalog/catalog'],
    ['src/core/probe.ts', '../importers/hf-config'],
    ['src/importers/probe.ts', '../catalog/catalog'],
    ['src/catalog/probe.ts', '../view-models/scenario'],
    ['src/catalog/probe.ts', '../calibration/predict'],
    ['src/url/probe.ts', '../catalog/catalog'],
    ['src/url/probe.ts', '../planning/plan'],
    ['src/calibration/probe.ts', '../view-models/scenario'],
    ['src/planning/probe.ts', '../view-models/scenario'],
    ['src/view-models/probe.ts', '../features/fit-matrix/fit-matrix'],
    ['src/components/probe.ts', '../features/plan/plan-view'],
    ['src/features/plan/probe.ts', '../fit-matrix/fit-matrix'],
    ['src/features/plan/probe.ts', '../../app/app'],
    ['src/cli/probe.ts', '../features/plan/plan-view'],
    ['src/cli/probe.ts', '../components/explain'],
    ['src/hub/probe.ts', '../catalog/catalog'],
    ['src/importers/probe.ts', '../hub/hub-client'],
    ['src/features/plan/probe.ts', '../../hub/hub-model'],
  ])('%s may not import %s', async (file, spec) => {
    expect(await reported(file, spec)).toBe(true);
  });

  it.each([
    ['src/importers/probe.ts', '../core/architecture'],
    ['src/catalog/probe.ts', '../importers/hf-config'],
    ['src/view-models/probe.ts', '../planning/plan'],
    ['src/features/plan/probe.ts', './plan-chart'],
    ['src/features/plan/probe.ts', '../../components/explain'],
    ['src/cli/probe.ts', '../view-models/format-units'],
    ['src/app/probe.ts', '../features/plan/plan-view'],
    ['src/hub/probe.ts', '../importers/gguf-header'],
    ['src/cli/probe.ts', '../hub/hub-model'],
  ])('%s may import %s', async (file, spec) => {
    expect(await reported(file, spec)).toBe(false);
  });
});
