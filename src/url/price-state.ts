import { quoteInput } from '../core/input-text';

/**
 * The buying guide's price settings in the link: `pk` (which price ranks: launch, new, used or
 * cheapest), and the rent-vs-buy terms `hpd` (hours a day), `yrs` (years the purchase is spread
 * over) and `kwh` (electricity, USD per kWh). Each falls back to its default on its own, with a
 * notice. The ranges match planning/rent-vs-buy.ts (a test holds them equal).
 */
export const PRICE_CHOICE_IDS = ['launch', 'new', 'used', 'cheapest'] as const;
export type PriceChoiceId = (typeof PRICE_CHOICE_IDS)[number];

export interface PriceNeeds {
  readonly prices: PriceChoiceId;
  readonly hoursPerDay: number;
  readonly years: number;
  readonly usdPerKwh: number;
}

export const DEFAULT_PRICE_NEEDS: PriceNeeds = { prices: 'cheapest', hoursPerDay: 8, years: 3, usdPerKwh: 0.168 };

export const PRICE_LINK_LIMITS = {
  hoursPerDay: { min: 0.1, max: 24 },
  years: { min: 0.25, max: 10 },
  usdPerKwh: { min: 0, max: 5 },
} as const;

function decimal(
  get: (key: string) => string | undefined,
  key: string,
  label: string,
  range: { min: number; max: number },
  fallback: number,
  notices: string[],
): number {
  const raw = get(key);
  if (raw === undefined) return fallback;
  const n = /^\d{1,6}(?:\.\d{1,6})?$/.test(raw) ? Number(raw) : NaN;
  if (n >= range.min && n <= range.max) return n;
  notices.push(`Ignored ${label} ${quoteInput(raw)}: it must be a number from ${range.min} to ${range.max}.`);
  return fallback;
}

export function parsePriceNeeds(get: (key: string) => string | undefined, notices: string[]): PriceNeeds {
  const d = DEFAULT_PRICE_NEEDS;
  let prices = d.prices;
  const raw = get('pk');
  if (raw !== undefined) {
    const found = PRICE_CHOICE_IDS.find((c) => c === raw);
    if (found) prices = found;
    else notices.push(`Ignored price kind ${quoteInput(raw)}: use ${PRICE_CHOICE_IDS.join(', ')}.`);
  }
  const L = PRICE_LINK_LIMITS;
  return {
    prices,
    hoursPerDay: decimal(get, 'hpd', 'hours a day', L.hoursPerDay, d.hoursPerDay, notices),
    years: decimal(get, 'yrs', 'years of use', L.years, d.years, notices),
    usdPerKwh: decimal(get, 'kwh', 'electricity price', L.usdPerKwh, d.usdPerKwh, notices),
  };
}

/** The price settings' fields of the query string; none when they are the defaults. */
export function serializePriceNeeds(p: PriceNeeds): [string, string][] {
  const d = DEFAULT_PRICE_NEEDS;
  const parts: [string, string][] = [];
  if (p.prices !== d.prices) parts.push(['pk', p.prices]);
  if (p.hoursPerDay !== d.hoursPerDay) parts.push(['hpd', String(p.hoursPerDay)]);
  if (p.years !== d.years) parts.push(['yrs', String(p.years)]);
  if (p.usdPerKwh !== d.usdPerKwh) parts.push(['kwh', String(p.usdPerKwh)]);
  return parts;
}
