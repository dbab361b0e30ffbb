import { maxContext } from '../core/estimate';
import { canRun } from '../planning/can-run';
import { explainOption } from '../planning/format-choice';
import { paretoFrontier, planHardware, type PlanOption } from '../planning/plan';
import type { PlanNeeds } from '../url/share-state';
import { formatContext, formatGiB, formatParams, formatWhole } from './format-units';
import { contextFor, type Scenario } from './scenario';
import { formatSpeedWithRange, speedRange } from './speed-range';
import {
  breakEvenWords,
  formatHourly,
  formatPerMillion,
  ownedCostWords,
  priceLabel,
  rentalRows,
  rentBuyFor,
  unpricedNote,
  type RentalRow,
} from './plan-prices-view';

/** Rows and chart points for the buying guide ("what should I buy?") and "what can I run?". */

export interface PlanRow {
  readonly key: string;
  readonly hardware: string;
  readonly price: string;
  readonly priceUsd: number;
  readonly format: string;
  readonly speed: string;
  readonly tps: number;
  readonly pricePerTps: string;
  readonly spare: string;
  readonly maxContext: string;
  /** Engines with a start-up pool: the most users who each get the floor. */
  readonly served: string;
  readonly power: string;
  readonly pareto: boolean;
  readonly cheaperRejected: string;
}

export interface PlanView {
  readonly title: string;
  /** Set when an option keeps experts in system RAM: the RAM the machine then needs. */
  readonly hostNote: string | null;
  readonly rows: readonly PlanRow[];
  readonly rejectedCount: number;
  readonly closestMisses: readonly string[];
  /** Which price ranks the options, in words. */
  readonly priceNote: string;
  /** What could not be priced (null when everything tried had a price). */
  readonly unpricedNote: string | null;
  /** The cheapest on-demand rentals that meet the needs. */
  readonly rentals: readonly RentalRow[];
  /** The cheapest purchase against the cheapest rental, per million generated tokens. */
  readonly rentBuy: {
    readonly buy: string;
    readonly rent: string;
    readonly buyPerMillion: string;
    readonly rentPerMillion: string;
    readonly buyPerHour: string;
    readonly rentPerHour: string;
    readonly breakEven: string;
  } | null;
  /** "4 h a day over 3 years, electricity $0.168/kWh". */
  readonly terms: string;
  /** The "quality" format mode: why the first option's format, in one sentence. */
  readonly why: string | null;
}

const PRICE_NOTES = {
  launch: 'launch list prices (data/gpus.json)',
  new: 'the latest new prices people pay (data/prices.json)',
  used: 'the latest used prices (data/prices.json)',
  cheapest: 'the cheaper of the latest new and used prices (data/prices.json), else the launch list price',
} as const;

/** "$2,548". */
export const formatUsd = (usd: number) => `$${formatWhole(usd)}`;

/** "RTX 5090 + 2 × RTX 3090", "2 machines of 8 × H100 80GB SXM". */
export const hardwareLabel = (o: PlanOption) => {
  const machine = o.candidate.parts.map((p) => `${p.count > 1 ? `${p.count} × ` : ''}${p.gpu.shortName}`).join(' + ');
  return o.candidate.nodes > 1 ? `${o.candidate.nodes} machines of ${machine}` : machine;
};
const reasonLine = (o: PlanOption) => `${hardwareLabel(o)} (${priceLabel(o)}): ${o.reason ?? ''}`;

/**
 * The buying guide for the selected model. `serving` (the Serve task) sets the users and answer
 * length; engines that build a KV pool at start-up are then judged on the pool.
 */
export function planView(
  s: Scenario,
  needs: PlanNeeds,
  limit = 15,
  serving: { readonly users: number; readonly outputTokens: number } | null = null,
): PlanView {
  const m = s.selectedModel;
  const context = contextFor(s, m);
  const users = serving?.users ?? s.batch;
  const maxLoss = needs.formats === 'quality' ? needs.maxLoss : undefined;
  const request = {
    models: [{ key: m.key, name: m.name, arch: m.arch, contextLimit: m.scaledContextLimit }],
    formats: needs.formats === 'chosen' ? s.formats : [],
    maxLoss,
    contextTokens: context,
    users,
    outputTokens: serving?.outputTokens,
    kvCacheType: s.kv,
    runtime: s.runtime,
    minTokensPerSecond: needs.minTps,
    budgetUsd: needs.budget,
    powerLimitWatts: needs.power,
    allowed: needs.hardware,
    host: s.host,
    priceChoice: needs.prices,
  };
  const plan = planHardware(request);
  const rent = planHardware({ ...request, rent: true });
  const terms = { hoursPerDay: needs.hoursPerDay, years: needs.years, usdPerKwh: needs.usdPerKwh };
  const rb = rentBuyFor(plan.options[0], rent.options[0], users, terms);
  const [buy, hire] = [plan.options[0], rent.options[0]];
  const first = plan.options[0];
  const frontier = paretoFrontier(plan.options);
  const rows = plan.options.slice(0, limit).map((o): PlanRow => {
    const tps = o.decodeTokensPerSecond ?? 0;
    const cheaper = plan.rejected.filter((r) => r.candidate.priceUsd <= o.candidate.priceUsd).pop();
    const max =
      o.format === null || o.servedUsers !== null
        ? 0
        : maxContext(
            {
              arch: m.arch,
              format: o.format,
              contextTokens: context,
              sequences: s.batch,
              kvCacheType: s.kv,
              runtime: s.runtime,
              devices: o.devices,
              host: s.host,
              cpuMoeLayers: o.cpuMoeLayers,
            },
            m.scaledContextLimit,
          );
    return {
      key: o.candidate.key,
      hardware: hardwareLabel(o),
      price: priceLabel(o),
      priceUsd: o.candidate.priceUsd,
      format: `${o.format?.label ?? ''}${o.cpuMoeLayers > 0 ? `, experts of ${o.cpuMoeLayers} layers in RAM` : ''}`,
      speed: formatSpeedWithRange(tps, speedRange(tps, s.runtime, o.devices, 'decode')),
      tps,
      pricePerTps: formatUsd(o.candidate.priceUsd / Math.max(tps, 1e-9)),
      spare: formatGiB(o.spareBytes ?? 0),
      maxContext: o.servedUsers === null ? `${formatContext(max)} tokens` : '–',
      served: o.servedUsers === null ? '–' : o.servedUsers.toLocaleString('en-US'),
      power: o.candidate.powerWatts === null ? '–' : `${o.candidate.powerWatts} W`,
      pareto: frontier.has(o.candidate.key),
      cheaperRejected: cheaper ? reasonLine(cheaper) : '',
    };
  });
  const misses =
    plan.options.length === 0
      ? plan.rejected
          .filter((o) => !o.reason?.startsWith('over'))
          .slice(0, 6)
          .map(reasonLine)
      : [];
  return {
    title: `${m.name} · ${formatContext(context)} context × ${users} user${users > 1 ? 's' : ''} · at least ${needs.minTps} tok/s each`,
    rows,
    hostNote: plan.options.slice(0, limit).some((o) => o.cpuMoeLayers > 0)
      ? `Options with experts in RAM (llama.cpp --n-cpu-moe) need ${s.hostLabel} of system RAM, as set beside the GPUs.`
      : null,
    rejectedCount: plan.rejected.length,
    closestMisses: misses,
    priceNote: PRICE_NOTES[needs.prices],
    unpricedNote: unpricedNote(plan, needs.prices, hardwareLabel),
    rentals: rentalRows(rent, s.runtime, users, terms, hardwareLabel, 8),
    rentBuy:
      rb && buy && hire
        ? {
            buy: hardwareLabel(buy),
            rent: hardwareLabel(hire),
            buyPerMillion: formatPerMillion(rb.buyUsdPerMillionTokens),
            rentPerMillion: formatPerMillion(rb.rentUsdPerMillionTokens),
            buyPerHour: `${formatHourly(rb.buyUsdPerHour)} ${ownedCostWords(buy)}`,
            rentPerHour: formatHourly(rb.rentUsdPerHour),
            breakEven: breakEvenWords(rb),
          }
        : null,
    terms: `${terms.hoursPerDay} h a day over ${terms.years} years, electricity $${terms.usdPerKwh}/kWh`,
    why: maxLoss !== undefined && first ? explainOption(request, first, maxLoss).join(' ') || null : null,
  };
}

export interface CanRunViewRow {
  readonly modelId: string;
  readonly name: string;
  readonly params: string;
  readonly paramsCount: number;
  readonly format: string;
  readonly speed: string;
  readonly tps: number;
  readonly maxContext: string;
  readonly contextTokens: number;
  /** "GPU", or the layers whose experts stay in system RAM for it to fit. */
  readonly where: string;
}

export interface CanRunView {
  readonly title: string;
  /** The system RAM experts may move to ("64 GB at 89.6 GB/s"). */
  readonly hostLabel: string;
  readonly rows: readonly CanRunViewRow[];
  readonly cannot: readonly string[];
}

export function canRunView(s: Scenario): CanRunView {
  const p = s.selectedPool;
  const result = canRun({
    devices: p.devices,
    contextTokens: s.context,
    users: s.batch,
    kvCacheType: s.kv,
    runtime: s.runtime,
    host: s.host,
  });
  return {
    title: `What ${p.label} can run`,
    hostLabel: s.hostLabel,
    rows: result.rows.map((r) => ({
      modelId: r.modelId,
      name: r.name,
      params: formatParams(r.totalParams),
      paramsCount: r.totalParams,
      format: r.format.label,
      speed: formatSpeedWithRange(
        r.decodeTokensPerSecond,
        speedRange(r.decodeTokensPerSecond, s.runtime, p.devices, 'decode'),
      ),
      tps: r.decodeTokensPerSecond,
      maxContext: formatContext(r.maxContext),
      contextTokens: r.maxContext,
      where: r.cpuMoeLayers > 0 ? `experts of ${r.cpuMoeLayers} layers in RAM` : 'GPU',
    })),
    cannot: result.cannot,
  };
}
