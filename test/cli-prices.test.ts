import { describe, expect, it } from 'vitest';
import { PRICES } from '../src/catalog/prices';
import { headroom } from './cli-harness';

interface Row {
  hardware: string;
  priceUsd: number;
  priceDate: string;
  priceKind: string;
  unitPrices: { usd: number; date: string; kind: string; source: string; provider?: string }[];
  decodeTokensPerSecond: number;
}

const plan = (...args: string[]) =>
  JSON.parse(headroom('plan', '--model', 'llama-3-1-70b', '--json', ...args).stdout) as {
    request: { priceChoice: string };
    options: Row[];
    unpriced: Row[];
    unpricedCount: number;
    ownership: { hoursPerDay: number; years: number; usdPerKwh: number };
    rentals?: Row[];
    rentVsBuy?: { buyUsdPerMillionTokens: number; rentUsdPerMillionTokens: number; breakEvenMonths: number | null };
  };

describe('headroom plan prices', () => {
  it('ranks by the cheapest known price by default, each with its kind, date and source', () => {
    const p = plan('--hardware', 'consumer', '--min-tps', '15');
    expect(p.request.priceChoice).toBe('cheapest');
    expect(p.options.length).toBeGreaterThan(0);
    for (const o of p.options) {
      expect(o.unitPrices.length).toBeGreaterThan(0);
      for (const u of o.unitPrices) {
        expect(u.source).toMatch(/^https:\/\//);
        expect(u.date).toMatch(/^\d{4}-\d{2}/);
        expect(['new', 'used', 'launch']).toContain(u.kind);
      }
    }
    // Two used RTX 3090s are priced at their latest used price, not the 2020 launch price.
    const used3090 = PRICES.filter((r) => r.gpu === 'rtx-3090' && r.kind === 'used').sort((a, b) =>
      a.date < b.date ? 1 : -1,
    )[0];
    const pair = [...p.options].find((o) => o.hardware === 'rtx-3090*2');
    if (pair && used3090) expect(pair.priceUsd).toBe(2 * used3090.usd);
  });

  it('with launch prices, lists datacenter GPUs as unpriced instead of dropping them', () => {
    const p = plan('--hardware', 'datacenter', '--prices', 'launch', '--top', '1000');
    expect(p.options).toEqual([]);
    expect(p.unpricedCount).toBeGreaterThan(0);
    expect(p.unpriced.map((o) => o.hardware)).toContain('h100-80gb-sxm');
    const text = headroom('plan', '--model', 'llama-3-1-70b', '--hardware', 'datacenter', '--prices', 'launch');
    expect(text.stdout).toMatch(/No public launch price for \d+ configurations tried; \d+ of them would run, e\.g\./);
  });

  it('--hardware cloud ranks rentals per hour and compares renting with buying', () => {
    const p = plan('--hardware', 'consumer,cloud', '--hours-per-day', '4', '--years', '2', '--electricity', '0.3');
    expect(p.ownership).toEqual({ hoursPerDay: 4, years: 2, usdPerKwh: 0.3 });
    expect(p.rentals?.length).toBeGreaterThan(0);
    for (const r of p.rentals ?? []) {
      expect(r.priceKind).toBe('cloud-hour');
      expect(r.unitPrices[0]?.provider).toBeTruthy();
    }
    expect(p.rentVsBuy?.buyUsdPerMillionTokens).toBeGreaterThan(0);
    expect(p.rentVsBuy?.rentUsdPerMillionTokens).toBeGreaterThan(0);
    const text = headroom('plan', '--model', 'llama-3-1-70b', '--hardware', 'consumer,cloud', '--hours-per-day', '4');
    expect(text.stdout).toMatch(
      /Rent vs buy at 4 h\/day over 3 years, electricity \$0\.168\/kWh: buying .+ per million/,
    );
    expect(text.stdout).toMatch(/on demand per GPU-hour, [^,]+, 2026-\d\d-\d\d/);
  });

  it('cloud alone ranks rentals only', () => {
    const text = headroom('plan', '--model', 'llama-3-1-70b', '--hardware', 'cloud');
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('Buying: no hardware class chosen');
    expect(text.stdout).toContain('Rent (cheapest on-demand price per GPU-hour');
  });

  it('refuses bad price flags with the flag, the accepted values and what was given', () => {
    const err = (...a: string[]) => headroom('plan', '--model', 'llama-3-1-70b', ...a).stderr;
    expect(err('--prices', 'msrp')).toMatch(/--prices must be launch, new, used, cheapest; got 'msrp'/);
    expect(err('--hours-per-day', '25')).toMatch(
      /--hours-per-day must be a number of hours a day from 0\.1 to 24; got '25'/,
    );
    expect(err('--years', '0')).toMatch(/--years must be a number of years from 0\.25 to 10; got '0'/);
    expect(err('--electricity', 'cheap')).toMatch(/--electricity must be a number of US dollars per kWh/);
    expect(err('--hardware', 'moon')).toMatch(/--hardware must list consumer, .*cloud; got 'moon'/);
  });
});
