import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dataFileProblem, isDataFile, PAGE_OMITTED_FIELDS, pageCopy } from './data-files';

const DATA = join(import.meta.dirname, '../../data');
const files = [
  ...readdirSync(DATA).filter((f) => f.endsWith('.json')),
  ...readdirSync(join(DATA, 'benchmarks')).map((f) => `benchmarks/${f}`),
].filter((f) => isDataFile(`data/${f}`));

describe('data files', () => {
  it('every catalogue file has a schema', () => {
    expect(files).toEqual(
      expect.arrayContaining(['gpus.json', 'models.json', 'cpus.json', 'quality.json', 'systems.json', 'prices.json']),
    );
    expect(files.filter((f) => f.startsWith('benchmarks/')).length).toBeGreaterThanOrEqual(5);
  });

  it.each(files)('data/%s is valid', (file) => {
    expect(dataFileProblem(`data/${file}`, JSON.parse(readFileSync(join(DATA, file), 'utf8')))).toBeNull();
  });

  it('a broken entry is named with its path, as the build reports it', () => {
    const gpus = JSON.parse(readFileSync(join(DATA, 'gpus.json'), 'utf8')) as Record<string, unknown>[];
    const broken = gpus.map((g, i) => (i === 3 ? { ...g, memoryGiB: -24 } : g));
    expect(dataFileProblem('/repo/data/gpus.json', broken)).toMatch(/^data\/gpus\.json is invalid at 3\.memoryGiB: /);
    expect(dataFileProblem('/repo/data/benchmarks/x.json', [{ id: 'x' }])).toMatch(
      /^data\/benchmarks\/x\.json is invalid at 0\./,
    );
  });

  it("the page's copy drops exactly the omitted fields", () => {
    const gpus = JSON.parse(readFileSync(join(DATA, 'gpus.json'), 'utf8')) as Record<string, unknown>[];
    const page = pageCopy('/repo/data/gpus.json', gpus) as Record<string, unknown>[];
    expect(page).toHaveLength(gpus.length);
    expect(page.some((g) => 'fp16Note' in g)).toBe(false);
    expect(page[0]).toEqual(Object.fromEntries(Object.entries(gpus[0] ?? {}).filter(([k]) => k !== 'fp16Note')));
    expect(pageCopy('/repo/data/cpus.json', [])).toBeNull();
  });

  it('no page code reads a field the page bundle leaves out', () => {
    const SRC = join(import.meta.dirname, '..');
    const pageDirs = ['app', 'components', 'features', 'planning', 'url', 'view-models', 'importers', 'hub'];
    const fields = PAGE_OMITTED_FIELDS.flatMap(([, f]) => f);
    const readers: string[] = [];
    for (const dir of pageDirs)
      for (const file of readdirSync(join(SRC, dir), { recursive: true, encoding: 'utf8' })) {
        if (!/\.tsx?$/.test(file) || /\.test\.tsx?$/.test(file)) continue;
        const code = readFileSync(join(SRC, dir, file), 'utf8');
        for (const field of fields)
          if (new RegExp(`\\b${field}\\b`).test(code)) readers.push(`${dir}/${file}: ${field}`);
      }
    expect(readers).toEqual([]);
  });
});
