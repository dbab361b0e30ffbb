import type { RuntimeId } from '../core/runtimes/registry';
import type { Plan, PlanOption } from '../planning/plan';
import { rentVsBuy, type OwnershipTerms, type RentVsBuy } from '../planning/rent-vs-buy';
import { priceWords, type PriceChoice } from '../planning/unit-price';
import { formatSig3, formatWhole } from './format-units';
import { formatSpeedWithRange, speedRange } from './speed-range';

/** The buying guide's prices in words: kind and date of each, rentals, and renting against buying. */

const formatUsd = (usd: number) => `$${formatWhole(usd)}`;

/** "$0.34/h"; two decimals under $10 an hour. */
export const formatHourly = (usd: number) => `$${usd < 10 ? usd.toFixed(2) : formatSig3(usd)}/h`;

/** "$12.40" per million tokens, "–" when unknown. */
export const formatPerMillion = (usd: number | null) =>
  usd === null ? '–' : `$${usd < 10 ? usd.toFixed(2) : formatSig3(usd)}`;

/** "$1,400 (used, 2026-05)", "$0.34/h (on demand per GPU-hour, RunPod, 2026-09-25)"; each kind and date once. */
export function priceLabel(o: PlanOption): string {
  const c = o.candidate;
  const amount = c.priceKind === 'cloud-hour' ? formatHourly(c.priceUsd) : formatUsd(c.priceUsd);
  return `${amount} (${[...new Set(c.unitPrices.map(priceWords))].join('; ')})`;
}

/** Generation speed of all the users together, tokens/s. */
const totalTps = (o: PlanOption, users: number) => (o.decodeTokensPerSecond ?? 0) * users;

/** Rent against buy for a purchase and a rental, each at its own speed; null when either is missing. */
export function rentBuyFor(
  buy: PlanOption | undefined,
  rent: PlanOption | undefined,
  users: number,
  terms: OwnershipTerms,
): RentVsBuy | null {
  if (!buy || !rent) return null;
  return rentVsBuy(
    { priceUsd: buy.candidate.priceUsd, watts: buy.candidate.powerWatts ?? 0, tokensPerSecond: totalTps(buy, users) },
    { usdPerHour: rent.candidate.priceUsd, tokensPerSecond: totalTps(rent, users) },
    terms,
  );
}

/** What the owned cost per hour covers: the electricity only where the hardware's power draw is published. */
export const ownedCostWords = (buy: PlanOption) =>
  buy.candidate.powerWatts === null ? 'power draw not published, so no electricity' : 'with electricity';

/** Months in words: "~22.3 months", or why buying never catches up. */
export const breakEvenWords = (r: RentVsBuy) =>
  r.breakEvenMonths === null
    ? 'never (the rent is below the electricity)'
    : `after ~${formatSig3(r.breakEvenMonths)} months of use`;

/** What could not be priced: a count, and the fastest few that would run. */
export function unpricedNote(plan: Plan, choice: PriceChoice, label: (o: PlanOption) => string): string | null {
  if (plan.unpricedCount === 0) return null;
  const kind = choice === 'cheapest' ? '' : `${choice} `;
  const runs = plan.unpriced.slice(0, 5).map(label);
  return `No public ${kind}price for ${plan.unpricedCount} configuration${plan.unpricedCount > 1 ? 's' : ''} tried${choice === 'cheapest' ? ' (no new, used or launch price)' : ''}; ${plan.unpriced.length} of them would run${runs.length ? `, e.g. ${runs.join(', ')}` : ''}.`;
}

export interface RentalRow {
  readonly key: string;
  readonly hardware: string;
  readonly price: string;
  readonly usdPerHour: number;
  /** Renting the same hours a day over the same years as the purchase, USD: the chart's x. */
  readonly priceUsd: number;
  readonly format: string;
  readonly speed: string;
  readonly tps: number;
  readonly costPerMillion: string;
}

/** The cheapest rentals that meet the needs, with what renting them over the purchase's years costs. */
export function rentalRows(
  rent: Plan,
  runtime: RuntimeId,
  users: number,
  terms: OwnershipTerms,
  label: (o: PlanOption) => string,
  limit: number,
): RentalRow[] {
  return rent.options.slice(0, limit).map((o) => {
    const tps = o.decodeTokensPerSecond ?? 0;
    const total = tps * users;
    return {
      key: o.candidate.key,
      hardware: label(o),
      price: priceLabel(o),
      usdPerHour: o.candidate.priceUsd,
      priceUsd: o.candidate.priceUsd * terms.hoursPerDay * 365.25 * terms.years,
      format: o.format?.label ?? '',
      speed: formatSpeedWithRange(tps, speedRange(tps, runtime, o.devices, 'decode')),
      tps,
      costPerMillion: formatPerMillion(total > 0 ? (o.candidate.priceUsd / (total * 3600)) * 1e6 : null),
    };
  });
}
