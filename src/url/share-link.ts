import { weightFormatById } from '../core/formats/weight-formats';
import { codePointLength, quoteInput, wellFormed } from '../core/input-text';
import { isKvCacheType } from '../core/kv-cache-types';
import { isRuntimeId, RUNTIMES } from '../core/runtimes/registry';
import { nearestLoadable } from '../core/runtimes/rules';
import {
  DEFAULT_STATE,
  MAX_BATCH,
  MAX_CONTEXT,
  MAX_MODELS,
  MAX_POOLS,
  SHARE_VERSION,
  VIEW_IDS,
  HARDWARE_CLASS_IDS,
  poolKey,
  type HardwareClassId,
  type PlanNeeds,
  type GpuPool,
  type Selection,
  type ShareState,
  type ViewId,
} from './share-state';
import { migrateLink } from './migrations';
import { checkLinkKeys } from './link-keys';
import {
  MAX_FORMATS,
  MAX_LINK_CONFIG,
  MAX_POOL_GPUS,
  PLAN_LIMITS,
  QUALITY_LOSS_LIMITS,
  parseBareSize,
} from './link-limits';
import { readList, type EntryRead } from './link-lists';
import { isHubKey, isLocalGgufKey, parseHubModels, serializeHubModels } from './hub-models';
import { parseServingState, serializeServingState } from './serving-state';
import { parseTableState, serializeTableState } from './table-state';
import { DEFAULT_TASK, TASK_IDS, type TaskId } from './task-state';
import { parseTrainingState, serializeTrainingState } from './training-state';
import { parseHostState, serializeHostState } from './host-state';
import { parsePriceNeeds, serializePriceNeeds } from './price-state';

/** What the link may name: the parser keeps only ids that exist. */
export interface KnownIds {
  readonly isModel: (id: string) => boolean;
  readonly isGpu: (id: string) => boolean;
  readonly isFormat: (id: string) => boolean;
  /** Checks a config.json payload; returns a reason when it is unusable. */
  readonly configProblem: (json: string) => string | null;
  /** Networks between machines the Serve task may name; absent: any id. */
  readonly isFabric?: ((id: string) => boolean) | undefined;
  /** Catalogue CPUs; absent: a link's CPU is ignored with a notice. */
  readonly isCpu?: ((id: string) => boolean) | undefined;
}

export interface ParsedLink {
  readonly state: ShareState;
  /** One sentence per ignored part, naming it and what was used instead. */
  readonly notices: readonly string[];
}

/**
 * A pool key ("rtx-4090*2", "rtx-5090_rtx-3090"): its parts in order, or why it is refused. A
 * single unknown GPU reads as unknown, so several share one notice.
 */
function readPool(key: string, known: KnownIds): EntryRead<GpuPool> {
  const parts: { id: string; count: number }[] = [];
  let total = 0;
  for (const part of key.split('_')) {
    const m = /^([a-z0-9-]{1,64})(?:\*(\d{1,2}))?$/.exec(part);
    if (!m?.[1]) return { problem: 'write a GPU id with an optional count, e.g. rtx-4090*2' };
    if (!known.isGpu(m[1])) {
      return key === m[1] ? { unknown: true } : { problem: `unknown GPU ${quoteInput(m[1])} in the pool` };
    }
    const count = m[2] === undefined ? 1 : Number(m[2]);
    if (count < 1) return { problem: 'a GPU count must be at least 1' };
    total += count;
    parts.push({ id: m[1], count });
  }
  if (total > MAX_POOL_GPUS) return { problem: `a pool holds at most ${MAX_POOL_GPUS} GPUs; it has ${total}` };
  const pool = { parts };
  return { value: pool, key: poolKey(pool) };
}

/** A model token: a catalogue id, a bare size ("7b") or "config". */
function readModel(id: string, known: KnownIds): EntryRead<string> {
  if (known.isModel(id) || id === 'config' || isLocalGgufKey(id)) return { value: id, key: id };
  const size = parseBareSize(id);
  if (size === null) return { unknown: true };
  return size.ok ? { value: id, key: id } : { problem: size.problem };
}

/** A format by its canonical id, so "Q4_K_M,q4_k_m" is one format. */
function readFormat(id: string, known: KnownIds): EntryRead<string> {
  if (!known.isFormat(id)) return { unknown: true };
  const canonical = weightFormatById(id)?.id ?? id;
  return { value: canonical, key: canonical };
}

function wholeNumber(raw: string, min: number, max: number): number | null {
  if (!/^\d+$/.test(raw)) return null;
  const n = Number(raw);
  return n >= min && n <= max ? n : null;
}

/**
 * Reads a shared link's query string. Every field falls back to its default on its own, and
 * each ignored value yields a notice, so a partly broken link still opens what it can.
 */
export function parseShareLink(search: string, known: KnownIds): ParsedLink {
  const migrated = migrateLink(new URLSearchParams(search));
  // Unknown and repeated keys are named here; every reader below sees each known key once.
  const checked = checkLinkKeys(migrated.params);
  const params = checked.params;
  const notices: string[] = [];
  const get = (key: string) => params.get(key) ?? undefined;

  if (!migrated.known) {
    notices.push(
      `Link version ${quoteInput(migrated.params.get('v') ?? '')} is not one this page knows (it reads versions 1 to ${SHARE_VERSION}); parts it could not read were reset.`,
    );
  }
  notices.push(...checked.notices);

  let view: ViewId = DEFAULT_STATE.view;
  const rawView = get('view');
  if (rawView !== undefined) {
    if ((VIEW_IDS as readonly string[]).includes(rawView)) view = rawView as ViewId;
    else notices.push(`Ignored unknown view ${quoteInput(rawView)}.`);
  }

  let models = DEFAULT_STATE.models;
  const rawModels = get('m');
  if (rawModels !== undefined) {
    const kept = readList(
      rawModels,
      { noun: 'model', nouns: 'models', max: MAX_MODELS, read: (id) => readModel(id, known) },
      notices,
    );
    models = kept.length > 0 ? kept : DEFAULT_STATE.models;
  }
  const hubModels = parseHubModels(get('hf'), notices);
  if (hubModels.length > 0) {
    // "m=" left empty: only the Hub models were chosen.
    models = [...(rawModels === '' ? [] : models), ...hubModels].slice(0, MAX_MODELS);
  }

  let formats = DEFAULT_STATE.formats;
  const rawFormats = get('f');
  if (rawFormats !== undefined) {
    const kept = readList(
      rawFormats,
      { noun: 'format', nouns: 'formats', max: MAX_FORMATS, read: (id) => readFormat(id, known) },
      notices,
    );
    formats = kept.length > 0 ? kept : DEFAULT_STATE.formats;
  }

  const number = (key: string, label: string, min: number, max: number, fallback: number): number => {
    const raw = get(key);
    if (raw === undefined) return fallback;
    const n = wholeNumber(raw, min, max);
    if (n !== null) return n;
    notices.push(
      `Ignored ${label} ${quoteInput(raw)}: it must be a whole number from ${min.toLocaleString('en-US')} to ${max.toLocaleString('en-US')}.`,
    );
    return fallback;
  };
  const context = number('ctx', 'context', 1, MAX_CONTEXT, DEFAULT_STATE.context);
  const batch = number('b', 'batch', 1, MAX_BATCH, DEFAULT_STATE.batch);

  let kv = DEFAULT_STATE.kv;
  const rawKv = get('kv');
  if (rawKv !== undefined) {
    if (isKvCacheType(rawKv)) kv = rawKv;
    else notices.push(`Ignored unknown KV cache type ${quoteInput(rawKv)}.`);
  }

  let runtime = DEFAULT_STATE.runtime;
  const rawRuntime = get('rt');
  if (rawRuntime !== undefined) {
    if (isRuntimeId(rawRuntime)) runtime = rawRuntime;
    else notices.push(`Ignored unknown runtime ${quoteInput(rawRuntime)}.`);
  }
  // The same rules as the estimator and the CLI: a format the runtime cannot load is replaced by
  // its nearest one, and a cache type it does not offer by its default.
  const profile = RUNTIMES[runtime];
  const loadable: string[] = [];
  for (const id of formats) {
    const format = weightFormatById(id);
    const kept = format ? nearestLoadable(profile, format) : null;
    if (format && kept && kept !== format) {
      notices.push(`Ignored format '${id}': ${profile.label} does not load it; using ${kept.label}.`);
    }
    const chosen = kept?.id ?? id;
    if (!loadable.includes(chosen)) loadable.push(chosen);
  }
  formats = loadable;
  if (!profile.kvCacheTypes.includes(kv)) {
    notices.push(
      `Ignored KV cache type '${kv}': ${profile.label} supports ${profile.kvCacheTypes.join(', ')}; using ${profile.defaults.kvCacheType}.`,
    );
    kv = profile.defaults.kvCacheType;
  }

  let pools = DEFAULT_STATE.pools;
  const rawPools = get('g');
  if (rawPools !== undefined) {
    const kept = readList(
      rawPools,
      {
        noun: 'GPU configuration',
        nouns: 'GPU configurations',
        unknownNoun: ['GPU', 'GPUs'],
        max: MAX_POOLS,
        read: (key) => readPool(key, known),
      },
      notices,
    );
    pools = kept.length > 0 ? kept : DEFAULT_STATE.pools;
  }

  let config: string | null = null;
  const rawConfig = get('cfg');
  if (rawConfig !== undefined) {
    const length = codePointLength(rawConfig);
    const problem =
      length > MAX_LINK_CONFIG
        ? `it is ${length.toLocaleString('en-US')} characters long; a link carries at most ${MAX_LINK_CONFIG.toLocaleString('en-US')}`
        : known.configProblem(rawConfig);
    if (problem === null) config = rawConfig;
    else notices.push(`Ignored the pasted config.json in the link: ${problem}.`);
  }
  if (config === null && models.includes('config')) {
    models = models.filter((m) => m !== 'config');
    if (models.length === 0) models = DEFAULT_STATE.models;
  }

  let selected: Selection | null = null;
  const rawSel = get('sel');
  if (rawSel !== undefined) {
    const [model = '', pool = ''] = rawSel.split('~');
    if (models.includes(model) && pools.some((p) => poolKey(p) === pool)) selected = { model, pool };
    else notices.push(`Ignored the selected pair ${quoteInput(rawSel)}: it is not among the chosen models and GPUs.`);
  }

  let baseline: string | null = null;
  const rawBase = get('base');
  if (rawBase !== undefined) {
    const pool = readPool(rawBase, known);
    if ('value' in pool) baseline = pool.key;
    else
      notices.push(
        `Ignored the speed baseline ${quoteInput(rawBase)}: ${'problem' in pool ? pool.problem : 'unknown GPU'}.`,
      );
  }

  const plan = parsePlan(get, notices);
  const table = parseTableState(params, notices);
  let task: TaskId = DEFAULT_TASK;
  const rawTask = get('task');
  if (rawTask !== undefined) {
    if ((TASK_IDS as readonly string[]).includes(rawTask)) task = rawTask as TaskId;
    else notices.push(`Ignored unknown task ${quoteInput(rawTask)}: use ${TASK_IDS.join(', ')}.`);
  }
  const serving = parseServingState(params, notices, known.isFabric ?? (() => true));
  const training = parseTrainingState(params, notices);
  const host = parseHostState(params, known.isCpu ?? (() => false), notices);

  return {
    state: {
      view,
      models,
      formats,
      context,
      batch,
      kv,
      runtime,
      pools,
      selected,
      baseline,
      config,
      plan,
      table,
      task,
      serving,
      training,
      host,
    },
    notices,
  };
}

function parsePlan(get: (key: string) => string | undefined, notices: string[]): PlanNeeds {
  const d = DEFAULT_STATE.plan;
  const optionalWhole = (key: string, label: string, max: number): number | null | undefined => {
    const raw = get(key);
    if (raw === undefined) return undefined;
    const n = wholeNumber(raw, 1, max);
    if (n === null)
      notices.push(
        `Ignored ${label} ${quoteInput(raw)}: it must be a whole number from 1 to ${max.toLocaleString('en-US')}.`,
      );
    return n;
  };
  const minTps = optionalWhole('tps', 'minimum speed', PLAN_LIMITS.minTps) ?? d.minTps;
  const budget = optionalWhole('bud', 'budget', PLAN_LIMITS.budget) ?? d.budget;
  const power = optionalWhole('pw', 'power limit', PLAN_LIMITS.power) ?? d.power;
  let hardware = d.hardware;
  const rawHw = get('hw');
  if (rawHw !== undefined) {
    const isClass = (h: string): h is HardwareClassId => (HARDWARE_CLASS_IDS as readonly string[]).includes(h);
    const kept = readList<HardwareClassId>(
      rawHw,
      {
        noun: 'hardware class',
        nouns: 'hardware classes',
        max: HARDWARE_CLASS_IDS.length,
        read: (h) => (isClass(h) ? { value: h, key: h } : { unknown: true }),
      },
      notices,
    );
    hardware = kept.length > 0 ? kept : d.hardware;
  }
  let formats = d.formats;
  const rawPf = get('pf');
  if (rawPf !== undefined) {
    if (rawPf === 'best' || rawPf === 'chosen' || rawPf === 'quality') formats = rawPf;
    else notices.push(`Ignored plan format mode ${quoteInput(rawPf)}: use best, quality or chosen.`);
  }
  return {
    minTps,
    budget,
    power,
    hardware,
    formats,
    maxLoss: parseMaxLoss(get('ql'), notices),
    ...parsePriceNeeds(get, notices),
  };
}

/** `ql`: the quality threshold, a mean KLD written as a plain decimal ("0.01"). */
function parseMaxLoss(raw: string | undefined, notices: string[]): number {
  if (raw === undefined) return DEFAULT_STATE.plan.maxLoss;
  const n = /^\d{1,3}(?:\.\d{1,12})?$/.test(raw) ? Number(raw) : NaN;
  if (n >= QUALITY_LOSS_LIMITS.min && n <= QUALITY_LOSS_LIMITS.max) return n;
  notices.push(
    `Ignored quality threshold ${quoteInput(raw)}: it must be a mean KL divergence from ${QUALITY_LOSS_LIMITS.min} to ${QUALITY_LOSS_LIMITS.max}, e.g. ${QUALITY_LOSS_LIMITS.default}.`,
  );
  return DEFAULT_STATE.plan.maxLoss;
}

const same = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x, i) => x === b[i]);

/**
 * Writes the state as a short, readable query string: fields equal to the version's defaults are
 * left out, lists are comma-separated, pools read "rtx-4090*2" or "rtx-5090_rtx-3090".
 */
export function serializeShareLink(state: ShareState): string {
  const d = DEFAULT_STATE;
  const parts: [string, string][] = [['v', String(SHARE_VERSION)]];
  if (state.view !== d.view) parts.push(['view', state.view]);
  const listed = state.models.filter((k) => !isHubKey(k));
  if (!same(listed, d.models)) parts.push(['m', listed.join(',')]);
  const hub = serializeHubModels(state.models);
  if (hub !== null) parts.push(['hf', hub]);
  if (!same(state.formats, d.formats)) parts.push(['f', state.formats.join(',')]);
  if (state.context !== d.context) parts.push(['ctx', String(state.context)]);
  if (state.batch !== d.batch) parts.push(['b', String(state.batch)]);
  if (state.kv !== d.kv) parts.push(['kv', state.kv]);
  if (state.runtime !== d.runtime) parts.push(['rt', state.runtime]);
  const pools = state.pools.map(poolKey);
  if (!same(pools, d.pools.map(poolKey))) parts.push(['g', pools.join(',')]);
  if (state.selected) parts.push(['sel', `${state.selected.model}~${state.selected.pool}`]);
  if (state.baseline) parts.push(['base', state.baseline]);
  if (state.config) parts.push(['cfg', state.config]);
  const p = state.plan;
  if (p.minTps !== d.plan.minTps) parts.push(['tps', String(p.minTps)]);
  if (p.budget !== null) parts.push(['bud', String(p.budget)]);
  if (p.power !== null) parts.push(['pw', String(p.power)]);
  if (!same(p.hardware, d.plan.hardware)) parts.push(['hw', p.hardware.join(',')]);
  if (p.formats !== d.plan.formats) parts.push(['pf', p.formats]);
  parts.push(...serializePriceNeeds(p));
  if (p.maxLoss !== d.plan.maxLoss) parts.push(['ql', String(p.maxLoss)]);
  parts.push(...serializeTableState(state.table));
  if (state.task !== DEFAULT_TASK) parts.push(['task', state.task]);
  parts.push(...serializeServingState(state.serving));
  parts.push(...serializeTrainingState(state.training));
  parts.push(...serializeHostState(state.host));
  // encodeURIComponent leaves , * ~ _ readable; the commas are encoded by URLSearchParams only.
  // A Hub model's "/", "@" and ":" are legal in a query (RFC 3986 §3.4) and stay readable;
  // wellFormed: a lone surrogate half would make encodeURIComponent throw.
  const encode = (k: string, v: string) => {
    const e = encodeURIComponent(wellFormed(v)).replace(/%2C/g, ',');
    return k === 'hf' ? e.replace(/%2F/g, '/').replace(/%40/g, '@').replace(/%3A/g, ':') : e;
  };
  return `?${parts.map(([k, v]) => `${k}=${encode(k, v)}`).join('&')}`;
}
