/**
 * `npm run catalog`: a summary of data/ (counts by vendor, class and family; entries missing
 * optional fields) and each model's parameter count from its architecture against the published
 * figure. `npm run catalog -- --models <file.json>` checks another models file the same way.
 */
import { readFileSync } from 'node:fs';
import { GPUS, MODELS } from '../src/catalog/catalog';
import { cpuCatalogSchema, gpuCatalogSchema, modelCatalogSchema } from '../src/catalog/schema';
import { architectureFrom } from '../src/core/architecture';
import { countParameters } from '../src/core/params';

const gpuArg = process.argv.indexOf('--gpus');
if (gpuArg > 0) {
  const file = process.argv[gpuArg + 1] ?? '';
  const raw: unknown = JSON.parse(readFileSync(file, 'utf8'));
  const schema = file.includes('cpu') ? cpuCatalogSchema : gpuCatalogSchema;
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    for (const issue of parsed.error.issues.slice(0, 30))
      console.error(`invalid at ${issue.path.join('.')}: ${issue.message}`);
    process.exit(1);
  }
  console.log(`${file}: ${parsed.data.length} entries valid`);
  process.exit(0);
}

const arg = process.argv.indexOf('--models');
const models =
  arg > 0
    ? (() => {
        const parsed = modelCatalogSchema.safeParse(JSON.parse(readFileSync(process.argv[arg + 1] ?? '', 'utf8')));
        if (!parsed.success) {
          for (const issue of parsed.error.issues.slice(0, 20))
            console.error(`invalid at ${issue.path.join('.')}: ${issue.message}`);
          process.exit(1);
        }
        return parsed.data.map((m) => ({ ...m, arch: architectureFrom(m.architecture) }));
      })()
    : MODELS;

const tally = (xs: readonly string[]) => {
  const counts = new Map<string, number>();
  for (const x of xs) counts.set(x, (counts.get(x) ?? 0) + 1);
  return [...counts]
    .sort((a, b) => b[1] - a[1])
    .map(([k, n]) => `${k} ${n}`)
    .join(', ');
};

if (arg < 0) {
  console.log(`GPUs: ${GPUS.length}`);
  console.log(`  by vendor: ${tally(GPUS.map((g) => g.vendor))}`);
  console.log(`  by class: ${tally(GPUS.map((g) => g.class))}`);
  const missing = (field: string, has: (g: (typeof GPUS)[number]) => boolean) =>
    GPUS.filter((g) => !has(g)).map((g) => g.id);
  for (const [field, list] of [
    ['busWidthBits', missing('busWidthBits', (g) => g.busWidthBits !== undefined)],
    ['tdpWatts', missing('tdpWatts', (g) => g.tdpWatts !== null)],
  ] as const) {
    if (list.length) console.log(`  missing ${field}: ${list.join(', ')}`);
  }
}
console.log(`Models: ${models.length}`);
console.log(`  by family: ${tally(models.map((m) => m.family))}`);
let worst = 0;
for (const m of models) {
  const p = countParameters(m.arch);
  const { total, active, activeConvention, roundedTo = 0 } = m.publishedParams;
  const computedActive = activeConvention === 'all' ? p.active : p.activePerToken;
  const err = (a: number, b: number) => Math.abs(a - b) / b;
  const over = (a: number, b: number) => Math.abs(a - b) > Math.max(0.01 * b, roundedTo);
  worst = Math.max(worst, err(p.total, total));
  const flag = over(p.total, total) || over(computedActive, active) ? '  <-- outside 1%' : '';
  console.log(
    `  ${m.id.padEnd(28)} total ${(p.total / 1e9).toFixed(3)}B vs ${(total / 1e9).toFixed(3)}B (${(err(p.total, total) * 100).toFixed(2)}%)` +
      `  active ${(computedActive / 1e9).toFixed(3)}B vs ${(active / 1e9).toFixed(3)}B (${(err(computedActive, active) * 100).toFixed(2)}%)${flag}`,
  );
}
console.log(`largest total-parameter error: ${(worst * 100).toFixed(2)}%`);
