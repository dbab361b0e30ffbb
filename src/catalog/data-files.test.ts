import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dataFileProblem, isDataFile } from './data-files';

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
});
