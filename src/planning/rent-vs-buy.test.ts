import { describe, expect, it } from 'vitest';
import { breakEvenMonths, costPerMillionTokens, ownedCostPerHour, rentVsBuy } from './rent-vs-buy';

// $1,000 of hardware drawing 350 W, used 4 hours a day for 2 years at $0.20/kWh:
// 2 × 365.25 × 4 = 2,922 hours of use, so $1,000 / 2,922 = $0.342231 an hour,
// plus 0.35 kW × $0.20 = $0.07 of electricity: $0.412231 an hour.
const terms = { hoursPerDay: 4, years: 2, usdPerKwh: 0.2 };

describe('rent vs buy', () => {
  it('spreads the price over the hours of use and adds the electricity', () => {
    expect(ownedCostPerHour(1000, 350, terms)).toBeCloseTo(0.412231, 6);
    expect(ownedCostPerHour(1000, 0, { ...terms, usdPerKwh: 0 })).toBeCloseTo(1000 / 2922, 9);
  });

  it('divides the hourly cost by the tokens of an hour', () => {
    // 20 tok/s is 72,000 tokens an hour: $0.412231 / 72,000 × 1e6 = $5.7254 per million.
    expect(costPerMillionTokens(0.412231, 20)).toBeCloseTo(5.7254, 4);
    // A $0.40/h rental at 40 tok/s: 144,000 tokens an hour, $2.7778 per million.
    expect(costPerMillionTokens(0.4, 40)).toBeCloseTo(2.7778, 4);
    expect(costPerMillionTokens(1, 0)).toBeNull();
  });

  it('breaks even once the rent saved beyond electricity repays the price', () => {
    // Renting at $0.40/h saves $0.40 − $0.07 = $0.33 each hour; 4 h × 30.4375 days = 121.75 h a month,
    // so $40.1775 a month: $1,000 / $40.1775 = 24.8896 months.
    expect(breakEvenMonths(1000, 350, 0.4, terms)).toBeCloseTo(24.8896, 3);
    // Renting for less than the electricity costs: buying never catches up.
    expect(breakEvenMonths(1000, 350, 0.05, terms)).toBeNull();
  });

  it('puts the three figures together, each side at its own speed', () => {
    const r = rentVsBuy(
      { priceUsd: 1000, watts: 350, tokensPerSecond: 20 },
      { usdPerHour: 0.4, tokensPerSecond: 40 },
      terms,
    );
    expect(r.buyUsdPerMillionTokens).toBeCloseTo(5.7254, 4);
    expect(r.rentUsdPerMillionTokens).toBeCloseTo(2.7778, 4);
    expect(r.breakEvenMonths).toBeCloseTo(24.8896, 3);
  });
});
