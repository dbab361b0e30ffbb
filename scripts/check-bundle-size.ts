/**
 * Performance budget: the JavaScript a first visit must download (gzip level 9) stays within
 * 150 KB. That is the entry script, the app chunk it starts right after the first paint
 * (everything in the entry's dependency map), and their static imports. Lazily loaded chunks
 * (charts, table) are listed for information. Run after `npm run build`.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const BUDGET_BYTES = 150_000;
const dist = join(import.meta.dirname, '..', 'dist');
const html = readFileSync(join(dist, 'index.html'), 'utf8');
const entries = [...html.matchAll(/<(?:script[^>]+src|link[^>]+rel="modulepreload"[^>]+href)="([^"]+\.js)"/g)].map(
  (m) => (m[1] ?? '').replace(/^\.?\//, ''),
);
if (entries.length === 0) throw new Error('no entry script found in dist/index.html');

const read = (file: string) => readFileSync(join(dist, file), 'utf8');
const sibling = (file: string, ref: string) => join(file, '..', ref).replace(/\\/g, '/');
const initial: string[] = [];
const visit = (file: string, withDynamicDeps: boolean) => {
  if (initial.includes(file)) return;
  initial.push(file);
  const code = read(file);
  const refs = [...code.matchAll(/(?:from|import)\s*"(\.\/[^"]+\.js)"/g)].map((m) => m[1] ?? '');
  if (withDynamicDeps) {
    const deps = /m\.f=\[([^\]]*)\]/.exec(code)?.[1] ?? '';
    refs.push(...[...deps.matchAll(/"(\.\/[^"]+\.js)"/g)].map((m) => m[1] ?? ''));
  }
  for (const ref of refs) visit(sibling(file, ref), false);
};
for (const entry of entries) visit(entry, true);

const gz = (file: string) => gzipSync(readFileSync(join(dist, file)), { level: 9 }).length;
const kb = (bytes: number) => `${(bytes / 1000).toFixed(1)} KB`;

let total = 0;
for (const file of initial) {
  const size = gz(file);
  total += size;
  console.log(`initial  ${kb(size).padStart(9)}  ${file}`);
}
for (const file of readdirSync(join(dist, 'assets')).filter((f) => f.endsWith('.js'))) {
  if (!initial.includes(`assets/${file}`))
    console.log(`lazy     ${kb(gz(`assets/${file}`)).padStart(9)}  assets/${file}`);
}
console.log(`initial JavaScript: ${kb(total)} gzipped (budget ${kb(BUDGET_BYTES)})`);
if (total > BUDGET_BYTES) {
  console.error(`over budget by ${kb(total - BUDGET_BYTES)}`);
  process.exitCode = 1;
}
