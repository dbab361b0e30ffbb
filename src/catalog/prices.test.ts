import { describe, expect, it } from 'vitest';
import { GPUS } from './catalog';
import { dataFileProblem } from './data-files';
import { PRICES } from './prices';

// The day the prices were last gathered: no row may claim a later date.
const GATHERED = '2026-12-02';

describe('data/prices.json', () => {
  it('is valid against its schema', () => {
    expect(dataFileProblem('data/prices.json', PRICES)).toBeNull();
  });

  it('names only GPUs of the catalogue', () => {
    const ids = new Set(GPUS.map((g) => g.id));
    expect(PRICES.filter((p) => !ids.has(p.gpu)).map((p) => p.gpu)).toEqual([]);
  });

  it('has new, used and cloud rows, each dated no later than it was gathered', () => {
    for (const kind of ['new', 'used', 'cloud-hour'] as const)
      expect(PRICES.filter((p) => p.kind === kind).length, kind).toBeGreaterThanOrEqual(5);
    for (const p of PRICES) expect(p.date <= GATHERED, `${p.gpu} ${p.date}`).toBe(true);
  });

  it('rejects a cloud row without a provider and a purchase row with one', () => {
    const row = PRICES.find((p) => p.kind === 'cloud-hour');
    expect(row).toBeDefined();
    const { provider: _dropped, ...noProvider } = row ?? { provider: '' };
    expect(dataFileProblem('data/prices.json', [noProvider])).toMatch(/provider/);
    expect(dataFileProblem('data/prices.json', [{ ...noProvider, kind: 'new', provider: 'Shop' }])).toMatch(/provider/);
    expect(dataFileProblem('data/prices.json', [{ ...noProvider, kind: 'new', date: '2026-13' }])).toMatch(
      /^data\/prices\.json is invalid at 0\.date/,
    );
  });
});
