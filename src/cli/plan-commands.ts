import { MODELS } from '../catalog/catalog';
import { scaledContextLimit } from '../core/context-scaling';
import { lookupEntry } from '../catalog/lookup';
import { canRun, type CanRunRow } from '../planning/can-run';
import { DEFAULT_MIN_BITS, paretoFrontier, planHardware, type PlanOption } from '../planning/plan';
import { formatContext, formatGiB, formatParams, formatSig3 } from '../view-models/format-units';
import { CliError } from './cli-error';
import { own } from './cli-io';
import { quoteInput } from '../core/input-text';
import { MAX_BATCH, MAX_CONTEXT } from '../url/link-limits';
import { candidateText } from './candidates';
import { FLAG_RANGES } from './flag-ranges';
import { parseNumber, parseWhole } from './parse-values';
import { resolveFormat, resolveGpus, resolveKvCache, resolveRuntime } from './resolve-inputs';
import { resolveHost } from './host-options';
import { hostWords } from '../view-models/host-words';
import { table } from './text-table';
import { formatUsd, hardwareLabel } from '../view-models/plan-view';
import { speedRange } from '../view-models/speed-range';
import type { Device } from '../core/devices';
import { RUNTIMES, type RuntimeId } from '../core/runtimes/registry';
import { HUB_OPTIONS, type HubFlags, type MeasuredModel } from './hub-inputs';
import { hardwareChoice, ownershipTerms, PRICE_OPTIONS, priceChoice, priceLines, type PriceFlags } from './plan-prices';
import { priceLabel, rentBuyFor } from '../view-models/plan-prices-view';
import { lossWords, MAX_LOSS_OPTION, parseMaxLoss } from './max-loss';
import { explainOption } from '../planning/format-choice';

export const PLAN_OPTIONS = {
  model: { type: 'string', multiple: true },
  ram: { type: 'string' },
  'ram-bandwidth': { type: 'string' },
  cpu: { type: 'string' },
  precision: { type: 'string' },
  context: { type: 'string' },
  users: { type: 'string' },
  output: { type: 'string' },
  'min-tps': { type: 'string' },
  'min-bits': { type: 'string' },
  budget: { type: 'string' },
  power: { type: 'string' },
  hardware: { type: 'string' },
  runtime: { type: 'string' },
  'kv-cache': { type: 'string' },
  top: { type: 'string' },
  json: { type: 'boolean' },
  ...PRICE_OPTIONS,
  ...MAX_LOSS_OPTION,
  ...HUB_OPTIONS,
} as const;

export const CAN_RUN_OPTIONS = {
  gpu: { type: 'string', multiple: true },
  gpus: { type: 'string' },
  ram: { type: 'string' },
  'ram-bandwidth': { type: 'string' },
  cpu: { type: 'string' },
  context: { type: 'string' },
  users: { type: 'string' },
  runtime: { type: 'string' },
  'kv-cache': { type: 'string' },
  sort: { type: 'string' },
  json: { type: 'boolean' },
  ...MAX_LOSS_OPTION,
  ...HUB_OPTIONS,
} as const;

type PlanValues = HubFlags &
  PriceFlags & {
    model?: string[];
    ram?: string;
    'ram-bandwidth'?: string;
    cpu?: string;
    precision?: string;
    'min-bits'?: string;
    context?: string;
    users?: string;
    output?: string;
    'min-tps'?: string;
    budget?: string;
    power?: string;
    hardware?: string;
    runtime?: string;
    'kv-cache'?: string;
    top?: string;
    json?: boolean;
    'max-loss'?: string;
  };
type CanRunValues = HubFlags & {
  gpu?: string[];
  gpus?: string;
  ram?: string;
  'ram-bandwidth'?: string;
  cpu?: string;
  context?: string;
  users?: string;
  runtime?: string;
  'kv-cache'?: string;
  sort?: string;
  json?: boolean;
  'max-loss'?: string;
};

/** A model read from the Hub or a file, planned from its architecture at the formats the planner tries. */
function hubPlanModel(m: MeasuredModel) {
  return { key: m.linkToken, name: m.name, arch: m.arch, contextLimit: m.contextLimit };
}

function planModels(names: readonly string[], measured?: MeasuredModel) {
  if (names.length === 0 && !measured) throw new CliError('choose at least one --model <id> (or --hf) to plan for');
  const catalogue = names.map((name) => {
    const found = lookupEntry(MODELS, name);
    if (found.kind !== 'found') {
      const hint =
        found.kind === 'ambiguous'
          ? `matches ${candidateText(found.candidates, (m) => `'${m.id}'`)}`
          : "is not in the catalogue ('headroom models' lists them)";
      throw new CliError(`--model ${quoteInput(name)} ${hint}`);
    }
    const m = found.entry;
    return { key: m.id, name: m.name, arch: m.arch, contextLimit: scaledContextLimit(m.contextLength, m.ropeScaling) };
  });
  return measured ? [...catalogue, hubPlanModel(measured)] : catalogue;
}

const PRICE_WORDS = {
  launch: 'launch list prices from the catalogue',
  new: 'the latest new prices of data/prices.json',
  used: 'the latest used prices of data/prices.json',
  cheapest: 'the cheaper of the latest new and used prices of data/prices.json, else the launch list price',
} as const;

/** "~17.6 (11.3–25.7)": the estimate and its calibrated range. */
function rangeText(tps: number, runtime: RuntimeId, devices: readonly Device[]): string {
  const r = speedRange(tps, runtime, devices, 'decode');
  return `~${formatSig3(tps)} (${formatSig3(r.low)}–${formatSig3(r.high)})`;
}

export function runPlan(values: PlanValues, out: (text: string) => void, measured?: MeasuredModel): void {
  const runtime = resolveRuntime(values.runtime);
  const models = planModels(values.model ?? [], measured);
  const formats =
    values.precision === undefined || values.precision === 'best'
      ? []
      : values.precision.split(',').map((p) => resolveFormat(p, undefined, runtime));
  const limit = Math.min(...models.map((m) => m.contextLimit));
  const hardware = hardwareChoice(values.hardware);
  const terms = ownershipTerms(values);
  const req = {
    models,
    formats,
    contextTokens:
      values.context === undefined
        ? Math.min(8192, limit)
        : parseWhole('--context', values.context, 'tokens', 1, Math.min(limit, MAX_CONTEXT), true),
    // A serving engine's users share its KV pool (plan --users with vLLM, SGLang or TensorRT-LLM),
    // so they are not bounded by a link's batch limit.
    users:
      values.users === undefined
        ? 1
        : parseWhole('--users', values.users, 'concurrent users', 1, RUNTIMES[runtime].kvPool ? 100_000 : MAX_BATCH),
    outputTokens:
      values.output === undefined
        ? undefined
        : parseWhole('--output', values.output, 'tokens per answer', 1, MAX_CONTEXT, true),
    kvCacheType: resolveKvCache(values['kv-cache'], runtime),
    runtime,
    minTokensPerSecond:
      values['min-tps'] === undefined
        ? 10
        : parseNumber('--min-tps', values['min-tps'], 'tokens per second', FLAG_RANGES.minTps),
    budgetUsd:
      values.budget === undefined ? null : parseNumber('--budget', values.budget, 'US dollars', FLAG_RANGES.budget),
    powerLimitWatts:
      values.power === undefined ? null : parseNumber('--power', values.power, 'watts', FLAG_RANGES.power),
    allowed: hardware.classes,
    priceChoice: priceChoice(values.prices),
    minBits:
      values['min-bits'] === undefined
        ? DEFAULT_MIN_BITS
        : parseNumber('--min-bits', values['min-bits'], 'bits per weight', FLAG_RANGES.bitsPerWeight),
    host: resolveHost(values),
    maxLoss: parseMaxLoss(values['max-loss']),
  };
  const top = values.top === undefined ? 10 : parseWhole('--top', values.top, 'rows', 1, 1000);
  // Engines that build their KV pool at start-up are judged on the pool, and may span machines.
  const serving = RUNTIMES[runtime].kvPool?.kind === 'paged';
  const plan = planHardware(req);
  // --hardware cloud: the same needs on every GPU a provider rents out, ranked by price per hour.
  const rent = hardware.cloud ? planHardware({ ...req, rent: true }) : null;
  const frontier = paretoFrontier(plan.options);
  const cheapest = plan.options[0];
  const cheaperRejected = plan.rejected
    .filter((o) => !cheapest || o.candidate.priceUsd < cheapest.candidate.priceUsd)
    .slice(-5);
  if (values.json) {
    const row = (o: PlanOption) => ({
      hardware: o.candidate.key,
      label: hardwareLabel(o),
      nodes: o.candidate.nodes,
      servedUsers: o.servedUsers,
      priceUsd: o.candidate.priceUsd,
      priceDate: o.candidate.priceDate,
      priceKind: o.candidate.priceKind,
      unitPrices: o.candidate.unitPrices,
      powerWatts: o.candidate.powerWatts,
      format: o.format?.id ?? null,
      verdict: o.verdict,
      decodeTokensPerSecond: o.decodeTokensPerSecond,
      usdPerTokenPerSecond: o.decodeTokensPerSecond ? o.candidate.priceUsd / o.decodeTokensPerSecond : null,
      spareBytes: o.spareBytes,
      cpuMoeLayers: o.cpuMoeLayers,
      paretoOptimal: frontier.has(o.candidate.key),
      reason: o.reason,
      ...(req.maxLoss !== undefined && o.viable && formats.length === 0
        ? { why: explainOption(req, o, req.maxLoss) }
        : {}),
    });
    out(
      JSON.stringify(
        {
          request: { ...req, models: models.map((m) => m.key), formats: formats.map((f) => f.id) },
          options: plan.options.slice(0, top).map(row),
          cheaperRejected: cheaperRejected.map(row),
          unpricedCount: plan.unpricedCount,
          unpriced: plan.unpriced.slice(0, top).map(row),
          ownership: terms,
          ...(rent
            ? {
                rentals: rent.options.slice(0, top).map(row),
                rentVsBuy: rentBuyFor(plan.options[0], rent.options[0], req.users, terms),
              }
            : {}),
        },
        null,
        2,
      ),
    );
    return;
  }
  const lines = [
    `Plan for ${models.map((m) => m.name).join(' + ')} · ${formatContext(req.contextTokens)} context × ${req.users} user${req.users > 1 ? 's' : ''} · at least ${req.minTokensPerSecond} tok/s each · ${formats.length ? formats.map((f) => f.label).join('/') : req.maxLoss !== undefined ? `smallest format within ${req.maxLoss} KLD of 16-bit, with 1 GiB and 5% of memory free` : `best quality that fits, at least ${req.minBits} bits/weight`}${req.budgetUsd !== null ? ` · budget ${formatUsd(req.budgetUsd)}` : ''}`,
    '',
  ];
  if (req.allowed.length === 0) {
    lines.push('Buying: no hardware class chosen (--hardware cloud alone ranks rentals only).');
  } else if (plan.options.length === 0 && plan.rejected.length === 0) {
    lines.push(
      `No ${req.allowed.join(', ')} hardware in the catalogue has a public ${req.priceChoice === 'cheapest' ? '' : `${req.priceChoice} `}price, so none can be ranked.`,
    );
  } else if (plan.options.length === 0) {
    lines.push('No configuration in the catalogue meets these needs. Closest misses:');
  } else {
    const rows = plan.options
      .slice(0, top)
      .map((o, i) => [
        String(i + 1),
        hardwareLabel(o) + (frontier.has(o.candidate.key) ? ' *' : ''),
        priceLabel(o),
        (o.format?.label ?? '') + (o.cpuMoeLayers > 0 ? `, experts of ${o.cpuMoeLayers} layers in RAM` : ''),
        rangeText(o.decodeTokensPerSecond ?? 0, req.runtime, o.devices),
        formatUsd(o.candidate.priceUsd / (o.decodeTokensPerSecond ?? 1)),
        formatGiB(o.spareBytes ?? 0),
        ...(serving ? [o.servedUsers === null ? '–' : o.servedUsers.toLocaleString('en-US')] : []),
        o.candidate.powerWatts === null ? '–' : `${o.candidate.powerWatts} W`,
      ]);
    lines.push(
      table(
        [
          '#',
          'hardware (* = best price for its speed)',
          'price (kind, date)',
          'format',
          'tok/s',
          '$ per tok/s',
          serving ? 'spare KV/GPU' : 'spare',
          ...(serving ? ['users at floor'] : []),
          'power',
        ],
        rows,
        serving ? [0, 4, 5, 6, 7, 8] : [0, 4, 5, 6, 7],
      ),
    );
    const first = plan.options[0];
    if (req.maxLoss !== undefined && first && formats.length === 0)
      lines.push('', ...explainOption(req, first, req.maxLoss).map((w) => `Why ${w}`));
    lines.push('', 'Cheaper options rejected:');
  }
  const misses =
    plan.options.length === 0
      ? plan.rejected.filter((o) => o.reason && !o.reason.startsWith('over')).slice(0, 5)
      : cheaperRejected;
  for (const o of misses) lines.push(`  ${hardwareLabel(o)}, ${priceLabel(o)}: ${o.reason ?? ''}`);
  if (misses.length === 0 && plan.rejected.length > 0) lines.push('  none');
  lines.push(...priceLines(plan, rent, req.users, terms, req.priceChoice));
  lines.push(
    '',
    `Prices (USD, dated) are ${PRICE_WORDS[req.priceChoice]}, GPUs only${serving ? ' (machines, switches and cables of a cluster are extra)' : ''}; prices age, speeds are estimates.`,
  );
  if (plan.options.some((o) => o.cpuMoeLayers > 0))
    lines.push(
      `Experts in RAM (llama.cpp --n-cpu-moe): the machine needs ${hostWords(req.host)} of system RAM (set with --ram and --cpu or --ram-bandwidth).`,
    );
  out(lines.join('\n'));
}

const SORTS: Record<string, (a: CanRunRow, b: CanRunRow) => number> = {
  size: (a, b) => b.totalParams - a.totalParams,
  speed: (a, b) => b.decodeTokensPerSecond - a.decodeTokensPerSecond,
  context: (a, b) => b.maxContext - a.maxContext,
};

export function runCanRun(values: CanRunValues, out: (text: string) => void, measured?: MeasuredModel): void {
  const runtime = resolveRuntime(values.runtime);
  const gpus = resolveGpus({ gpu: values.gpu, gpus: values.gpus }, (raw) => parseWhole('--gpus', raw, 'GPUs', 1, 64));
  const sortKey = values.sort ?? 'size';
  const sort = own(SORTS, sortKey);
  if (!sort) throw new CliError(`--sort must be size, speed or context; got ${quoteInput(sortKey)}`);
  const contextTokens =
    values.context === undefined ? 8192 : parseWhole('--context', values.context, 'tokens', 1, MAX_CONTEXT, true);
  const users = values.users === undefined ? 1 : parseWhole('--users', values.users, 'concurrent users', 1, MAX_BATCH);
  const host = resolveHost(values);
  const maxLoss = parseMaxLoss(values['max-loss']);
  const request = {
    devices: gpus.devices,
    contextTokens,
    users,
    kvCacheType: resolveKvCache(values['kv-cache'], runtime),
    runtime,
    extraModels: measured
      ? [{ id: measured.linkToken, name: measured.name, arch: measured.arch, contextLength: measured.contextLimit }]
      : [],
    host,
  };
  const result = canRun({ ...request, maxLoss });
  const rows = [...result.rows].sort(sort);
  // Models that fit only past the threshold, at the largest format that fits: what the threshold costs.
  const past = maxLoss === undefined ? [] : canRun(request).rows.filter((r) => result.cannot.includes(r.name));
  if (values.json) {
    out(
      JSON.stringify(
        {
          gpus: gpus.summary,
          host,
          contextTokens,
          users,
          runtime,
          models: rows.map((r) => ({
            ...r,
            format: r.format.id,
            ...(maxLoss === undefined ? {} : { publishedLoss: lossWords(r.modelId, r.format) }),
          })),
          cannotRun: result.cannot,
          ...(maxLoss === undefined
            ? {}
            : {
                pastThreshold: past.map((r) => ({
                  modelId: r.modelId,
                  format: r.format.id,
                  publishedLoss: lossWords(r.modelId, r.format),
                })),
              }),
        },
        null,
        2,
      ),
    );
    return;
  }
  const header = `What ${gpus.summary.map((g) => `${g.count} × ${g.name}`).join(' + ')} can run · ${formatContext(contextTokens)} context × ${users} · ${runtime} · ${maxLoss === undefined ? 'best quality that fits' : `smallest format within ${maxLoss} KLD of 16-bit, with 1 GiB and 5% of memory free`}`;
  const body = table(
    [
      'model',
      'params',
      'format',
      ...(maxLoss === undefined ? [] : ['published loss']),
      'tok/s',
      'max context',
      'spare',
      'where',
    ],
    rows.map((r) => [
      r.name,
      formatParams(r.totalParams),
      r.format.label,
      ...(maxLoss === undefined ? [] : [lossWords(r.modelId, r.format)]),
      rangeText(r.decodeTokensPerSecond, runtime, gpus.devices),
      formatContext(r.maxContext),
      formatGiB(r.spareBytes),
      r.cpuMoeLayers > 0 ? `experts of ${r.cpuMoeLayers} layers in RAM (--n-cpu-moe ${r.cpuMoeLayers})` : 'GPU',
    ]),
    maxLoss === undefined ? [1, 3, 4, 5] : [1, 4, 5, 6],
  );
  const offloaded = rows.some((r) => r.cpuMoeLayers > 0);
  out(
    [
      header,
      '',
      body,
      '',
      `${maxLoss === undefined ? 'Does not fit at any format' : `No format within ${maxLoss} KLD fits with 1 GiB and 5% free`}: ${result.cannot.join(', ') || 'none'}.`,
      ...(past.length > 0
        ? [
            `Of those, fit past the threshold (largest format that fits): ${past.map((r) => `${r.name} at ${r.format.label} (${lossWords(r.modelId, r.format)})`).join('; ')}.`,
          ]
        : []),
      ...(offloaded
        ? [
            `Experts in RAM: mixture-of-experts models that fit only with some experts in ${hostWords(host)} of system RAM.`,
          ]
        : []),
    ].join('\n'),
  );
}
