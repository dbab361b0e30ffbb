import pricesJson from '../../data/prices.json';
import type { PriceRow } from './price-schema';

// Checked against price-schema.ts by the build's data plugin and the tests, so imported as it is.
export const PRICES = pricesJson as unknown as readonly PriceRow[];
