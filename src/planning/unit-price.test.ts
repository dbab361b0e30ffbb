import { describe, expect, it } from 'vitest';
import type { PriceRow } from '../catalog/price-schema';
import type { GpuEntry } from '../catalog/schema';
import { GPUS } from '../catalog/catalog';
import { purchasePrice, rentalPrice, priceWords } from './unit-price';

const card = {
  ...GPUS[0],
  id: 'test-card',
  launchPrice: { usd: 1500, date: '2020-09', source: 'https://example.org/launch' },
} as GpuEntry;
const row = (kind: PriceRow['kind'], usd: number, date: string, provider?: string): PriceRow => ({
  gpu: 'test-card',
  kind,
  usd,
  date,
  source: 'https://example.org/row',
  ...(provider ? { provider } : {}),
});
const rows: PriceRow[] = [
  row('new', 1900, '2026-02'),
  row('new', 2100, '2026-05'),
  row('used', 800, '2026-05'),
  row('used', 650, '2025-11'),
  row('cloud-hour', 0.74, '2026-09-25', 'B'),
  row('cloud-hour', 0.34, '2026-09-25', 'A'),
];

describe('unit prices', () => {
  it('takes the latest row of the kind asked for, the launch price only for "launch"', () => {
    expect(purchasePrice(card, 'launch', rows)).toMatchObject({ usd: 1500, kind: 'launch', date: '2020-09' });
    expect(purchasePrice(card, 'new', rows)).toMatchObject({ usd: 2100, kind: 'new', date: '2026-05' });
    expect(purchasePrice(card, 'used', rows)).toMatchObject({ usd: 800, kind: 'used' });
    expect(purchasePrice(card, 'used', [])).toBeNull();
  });

  it('"cheapest" is the cheaper of the latest new and used, else the launch price', () => {
    expect(purchasePrice(card, 'cheapest', rows)).toMatchObject({ usd: 800, kind: 'used' });
    expect(purchasePrice(card, 'cheapest', [])).toMatchObject({ usd: 1500, kind: 'launch' });
    expect(purchasePrice({ ...card, launchPrice: undefined }, 'cheapest', [])).toBeNull();
  });

  it('rents at the cheapest provider, and says kind and date in words', () => {
    const r = rentalPrice(card, rows);
    expect(r).toMatchObject({ usd: 0.34, provider: 'A' });
    expect(r && priceWords(r)).toBe('on demand per GPU-hour, A, 2026-09-25');
    expect(priceWords({ gpuId: 'x', usd: 1, date: '2020-09', kind: 'launch', source: 'https://x.org' })).toBe(
      'launch price, 2020-09',
    );
  });
});
