/**
 * `npm run build:core`: compiles src/core (pure TypeScript, no dependencies) to dist-core/ as
 * ES modules with declarations, the `headroom/core` entry of the package. tsc keeps the
 * extensionless relative imports the bundler reads; Node's ESM loader needs "./x.js", so they are
 * completed here.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

const root = join(import.meta.dirname, '..');
const out = join(root, 'dist-core');
rmSync(out, { recursive: true, force: true });
execFileSync(
  process.execPath,
  [
    join(root, 'node_modules', 'typescript', 'bin', 'tsc'),
    '-p',
    join(root, 'src', 'core', 'tsconfig.json'),
    '--noEmit',
    'false',
    '--declaration',
    '--outDir',
    out,
  ],
  { stdio: 'inherit' },
);

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : [path];
  });
}

let rewritten = 0;
for (const file of files(out).filter((f) => f.endsWith('.js') || f.endsWith('.d.ts'))) {
  const text = readFileSync(file, 'utf8');
  const next = text.replace(
    /(from\s+|import\()(['"])(\.{1,2}\/[^'"]+)\2/g,
    (whole, lead: string, q: string, spec: string) => {
      if (spec.endsWith('.js')) return whole;
      const target = join(dirname(file), spec);
      if (existsSync(`${target}.js`) || existsSync(`${target}.d.ts`)) return `${lead}${q}${spec}.js${q}`;
      throw new Error(`${file}: cannot resolve ${spec}`);
    },
  );
  if (next !== text) {
    writeFileSync(file, next);
    rewritten++;
  }
}
console.log(`dist-core: ${files(out).length} files, ${rewritten} with completed import paths`);
