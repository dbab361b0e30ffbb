/**
 * Renting against buying, per million generated tokens: owning spreads the hardware's price over
 * the hours it is used in its life and adds the electricity its board power (TDP) draws in those
 * hours; renting costs the on-demand price per hour. Both are divided by the tokens the estimator
 * says the configuration generates in an hour. Buying breaks even once the rent saved, less the
 * electricity, has paid the price back.
 */

export interface OwnershipTerms {
  /** Hours a day the hardware generates (and a rental would run). */
  readonly hoursPerDay: number;
  /** Years the hardware's price is spread over. */
  readonly years: number;
  /** Electricity, USD per kWh. */
  readonly usdPerKwh: number;
}

/**
 * Defaults: 8 hours a day (a working day) for 3 years, at $0.168/kWh, the U.S. average residential
 * price EIA's January 2025 Short-Term Energy Outlook forecast for 2025, as reported at
 * https://en.amwalalghad.com/us-power-prices-see-modest-rise-in-25-amid-gas-cost-increases-eia
 */
export const DEFAULT_TERMS: OwnershipTerms = { hoursPerDay: 8, years: 3, usdPerKwh: 0.168 };

export const OWNERSHIP_LIMITS = {
  hoursPerDay: { min: 0.1, max: 24 },
  years: { min: 0.25, max: 10 },
  usdPerKwh: { min: 0, max: 5 },
} as const;

// 365.25 days a year over 12 months.
export const DAYS_PER_MONTH = 365.25 / 12;

/** Owning, USD an hour of use: the price over the life's hours of use, plus the electricity of that hour. */
export function ownedCostPerHour(priceUsd: number, watts: number, terms: OwnershipTerms): number {
  const lifeHours = terms.years * 365.25 * terms.hoursPerDay;
  return priceUsd / lifeHours + (watts / 1000) * terms.usdPerKwh;
}

/** USD per million generated tokens at a cost per hour and a total generation speed (tokens/s, all users together). */
export function costPerMillionTokens(usdPerHour: number, tokensPerSecond: number): number | null {
  if (!(tokensPerSecond > 0) || !Number.isFinite(usdPerHour)) return null;
  return (usdPerHour / (tokensPerSecond * 3600)) * 1e6;
}

/**
 * Months of use (at `hoursPerDay`) after which buying has cost less than renting the same hours:
 * the price over what each month of renting costs beyond the owned hardware's electricity; null
 * when renting costs no more than the electricity, so buying never catches up.
 */
export function breakEvenMonths(
  priceUsd: number,
  watts: number,
  rentUsdPerHour: number,
  terms: OwnershipTerms,
): number | null {
  const savedPerHour = rentUsdPerHour - (watts / 1000) * terms.usdPerKwh;
  if (!(savedPerHour > 0)) return null;
  return priceUsd / (savedPerHour * terms.hoursPerDay * DAYS_PER_MONTH);
}

export interface RentVsBuy {
  readonly buyUsdPerHour: number;
  readonly rentUsdPerHour: number;
  readonly buyUsdPerMillionTokens: number | null;
  readonly rentUsdPerMillionTokens: number | null;
  readonly breakEvenMonths: number | null;
}

/**
 * The comparison for one purchase and one rental: each with its own total generation speed, the
 * rental used the same hours a day as the owned hardware.
 */
export function rentVsBuy(
  buy: { readonly priceUsd: number; readonly watts: number; readonly tokensPerSecond: number },
  rent: { readonly usdPerHour: number; readonly tokensPerSecond: number },
  terms: OwnershipTerms,
): RentVsBuy {
  const buyUsdPerHour = ownedCostPerHour(buy.priceUsd, buy.watts, terms);
  return {
    buyUsdPerHour,
    rentUsdPerHour: rent.usdPerHour,
    buyUsdPerMillionTokens: costPerMillionTokens(buyUsdPerHour, buy.tokensPerSecond),
    rentUsdPerMillionTokens: costPerMillionTokens(rent.usdPerHour, rent.tokensPerSecond),
    breakEvenMonths: breakEvenMonths(buy.priceUsd, buy.watts, rent.usdPerHour, terms),
  };
}
