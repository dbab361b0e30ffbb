import { quoteInput } from '../core/input-text';
import { HARDWARE_CLASSES, type HardwareClass } from '../planning/candidates';
import type { Plan } from '../planning/plan';
import { DEFAULT_TERMS, OWNERSHIP_LIMITS, type OwnershipTerms } from '../planning/rent-vs-buy';
import { DEFAULT_PRICE_CHOICE, PRICE_CHOICES, type PriceChoice } from '../planning/unit-price';
import { formatSig3 } from '../view-models/format-units';
import { hardwareLabel } from '../view-models/plan-view';
import {
  breakEvenWords,
  formatHourly,
  formatPerMillion,
  ownedCostWords,
  priceLabel,
  rentBuyFor,
  unpricedNote,
} from '../view-models/plan-prices-view';
import { CliError } from './cli-error';
import { parseNumber } from './parse-values';

/** `headroom plan`'s price flags: which price to rank by, cloud rentals, and the rent-vs-buy terms. */

export const PRICE_OPTIONS = {
  prices: { type: 'string' },
  'hours-per-day': { type: 'string' },
  years: { type: 'string' },
  electricity: { type: 'string' },
} as const;

export interface PriceFlags {
  prices?: string;
  'hours-per-day'?: string;
  years?: string;
  electricity?: string;
  hardware?: string;
}

export function priceChoice(raw: string | undefined): PriceChoice {
  if (raw === undefined) return DEFAULT_PRICE_CHOICE;
  const v = raw.trim().toLowerCase();
  const found = PRICE_CHOICES.find((c) => c === v);
  if (!found) throw new CliError(`--prices must be ${PRICE_CHOICES.join(', ')}; got ${quoteInput(raw)}`);
  return found;
}

const range = (r: { min: number; max: number }) => ({ ...r, whole: false });

export function ownershipTerms(values: PriceFlags): OwnershipTerms {
  return {
    hoursPerDay:
      values['hours-per-day'] === undefined
        ? DEFAULT_TERMS.hoursPerDay
        : parseNumber('--hours-per-day', values['hours-per-day'], 'hours a day', range(OWNERSHIP_LIMITS.hoursPerDay)),
    years:
      values.years === undefined
        ? DEFAULT_TERMS.years
        : parseNumber('--years', values.years, 'years', range(OWNERSHIP_LIMITS.years)),
    usdPerKwh:
      values.electricity === undefined
        ? DEFAULT_TERMS.usdPerKwh
        : parseNumber('--electricity', values.electricity, 'US dollars per kWh', range(OWNERSHIP_LIMITS.usdPerKwh)),
  };
}

const CHOICES = [...HARDWARE_CLASSES, 'cloud'];

/** --hardware: the classes to buy from, and whether to rank cloud rentals too ("cloud"). */
export function hardwareChoice(raw: string | undefined): { classes: HardwareClass[]; cloud: boolean } {
  if (raw === undefined) return { classes: [...HARDWARE_CLASSES], cloud: false };
  const parts = raw
    .split(',')
    .map((s) => s.trim().toLowerCase())
    .filter(Boolean);
  for (const p of parts)
    if (!CHOICES.includes(p)) throw new CliError(`--hardware must list ${CHOICES.join(', ')}; got ${quoteInput(p)}`);
  if (parts.length === 0) throw new CliError(`--hardware lists no class; give one or more of ${CHOICES.join(', ')}`);
  const classes = [...new Set(parts.filter((p) => p !== 'cloud'))] as HardwareClass[];
  return { classes, cloud: parts.includes('cloud') };
}

/** The lines after the buying table: what could not be priced, and rent against buy. */
export function priceLines(
  plan: Plan,
  rent: Plan | null,
  users: number,
  terms: OwnershipTerms,
  choice: PriceChoice,
): string[] {
  const lines: string[] = [];
  const note = unpricedNote(plan, choice, hardwareLabel);
  if (note) lines.push('', note);
  if (!rent) return lines;
  lines.push('', 'Rent (cheapest on-demand price per GPU-hour among providers):');
  if (rent.options.length === 0) lines.push('  no rental in the price list meets these needs');
  for (const o of rent.options.slice(0, 5))
    lines.push(`  ${hardwareLabel(o)}: ${priceLabel(o)}, ~${formatSig3(o.decodeTokensPerSecond ?? 0)} tok/s each`);
  const r = rentBuyFor(plan.options[0], rent.options[0], users, terms);
  const buy = plan.options[0];
  const hire = rent.options[0];
  if (r && buy && hire) {
    lines.push(
      '',
      `Rent vs buy at ${formatSig3(terms.hoursPerDay)} h/day over ${formatSig3(terms.years)} years, electricity $${terms.usdPerKwh}/kWh: buying ${hardwareLabel(buy)} costs ${formatPerMillion(r.buyUsdPerMillionTokens)} per million generated tokens (${formatHourly(r.buyUsdPerHour)} ${ownedCostWords(buy)}), renting ${hardwareLabel(hire)} ${formatPerMillion(r.rentUsdPerMillionTokens)}; buying breaks even ${breakEvenWords(r)}.`,
    );
  }
  return lines;
}
