import fc from 'fast-check';
import { PRICE_CHOICE_IDS, type PriceNeeds } from '../../src/url/price-state';

/** The buying guide's price settings as the page sets them, for the link round-trip tests. */
export const priceNeedsArb: fc.Arbitrary<PriceNeeds> = fc.record({
  prices: fc.constantFrom(...PRICE_CHOICE_IDS),
  hoursPerDay: fc.integer({ min: 1, max: 240 }).map((n) => n / 10),
  years: fc.integer({ min: 1, max: 40 }).map((n) => n / 4),
  usdPerKwh: fc.integer({ min: 0, max: 5000 }).map((n) => n / 1000),
});
