import { describe, expect, it } from 'vitest';
import { DEFAULT_STATE, type ShareState } from '../url/share-state';
import { planView } from './plan-view';
import { buildScenario } from './scenario';

const state: ShareState = {
  ...DEFAULT_STATE,
  view: 'plan',
  models: ['llama-3-1-70b'],
  selected: { model: 'llama-3-1-70b', pool: 'rtx-3090' },
};
const s = buildScenario(state);

describe('the Buy tab with prices', () => {
  it('shows each price with its kind and date, rentals per hour, and rent against buy', () => {
    const v = planView(s, { ...DEFAULT_STATE.plan, minTps: 15, hoursPerDay: 4 });
    expect(v.rows.length).toBeGreaterThan(0);
    for (const r of v.rows)
      expect(r.price).toMatch(/^\$[\d,]+ \(((new|used|launch price), \d{4}-\d{2}(-\d{2})?(; )?)+\)$/);
    expect(v.rentals.length).toBeGreaterThan(0);
    for (const r of v.rentals)
      expect(r.price).toMatch(/^\$\d+\.\d\d\/h \(on demand per GPU-hour, .+, \d{4}-\d{2}-\d{2}\)$/);
    // Rentals sit on the chart at their rent for the same 4 hours a day over the default 3 years.
    const first = v.rentals[0];
    expect(first?.priceUsd).toBeCloseTo((first?.usdPerHour ?? 0) * 4 * 365.25 * 3, 6);
    expect(v.rentBuy?.buyPerMillion).toMatch(/^\$\d/);
    expect(v.rentBuy?.breakEven).toMatch(/months of use|never/);
    expect(v.terms).toBe('4 h a day over 3 years, electricity $0.168/kWh');
  });

  it('says which configurations it could not price', () => {
    const v = planView(s, { ...DEFAULT_STATE.plan, prices: 'launch', hardware: ['datacenter'] });
    expect(v.rows).toEqual([]);
    expect(v.unpricedNote).toMatch(/^No public launch price for \d+ configurations tried; \d+ of them would run/);
    expect(v.priceNote).toMatch(/launch list prices/);
  });
});
