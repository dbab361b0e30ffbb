import { isKvCacheType } from '../core/kv-cache-types';
import { isRuntimeId, RUNTIMES } from '../core/runtimes/registry';
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
import { parseTableState, serializeTableState } from './table-state';
import { parseHostState, serializeHostState } from './host-state';

/** What the link may name: the parser keeps only ids that exist. */
export interface KnownIds {
  readonly isModel: (id: string) => boolean;
  readonly isGpu: (id: string) => boolean;
  readonly isFormat: (id: string) => boolean;
  /** Checks a config.json payload; returns a reason when it is unusable. */
  readonly configProblem: (json: string) => string | null;
  /** Catalogue CPUs; absent: a link's CPU is ignored with a notice. */
  readonly isCpu?: ((id: string) => boolean) | undefined;
}

export interface ParsedLink {
  readonly state: ShareState;
  /** One sentence per ignored part, naming it and what was used instead. */
  readonly notices: readonly string[];
}

const BARE_SIZE = /^\d+(?:\.\d+)?[mbt]$/;

function list(raw: string): string[] {
  return raw
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

function parsePool(key: string, known: KnownIds): GpuPool | string {
  const parts: { id: string; count: number }[] = [];
  for (const part of key.split('_')) {
    const m = /^([a-z0-9-]+)(?:\*(\d{1,2}))?$/.exec(part);
    if (!m?.[1]) return `GPU entry '${key}' is malformed`;
    if (!known.isGpu(m[1])) return `unknown GPU '${m[1]}'`;
    const count = m[2] === undefined ? 1 : Number(m[2]);
    if (count < 1 || count > 64) return `GPU count in '${key}' must be 1-64`;
    parts.push({ id: m[1], count });
  }
  return { parts };
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
  const params = migrated.params;
  const notices: string[] = [];
  const get = (key: string) => params.get(key) ?? undefined;

  if (!migrated.known) {
    notices.push(
      `Link version '${get('v') ?? ''}' is not one this page knows (it reads versions 1 to ${SHARE_VERSION}); parts it could not read were reset.`,
    );
  }

  let view: ViewId = DEFAULT_STATE.view;
  const rawView = get('view');
  if (rawView !== undefined) {
    if ((VIEW_IDS as readonly string[]).includes(rawView)) view = rawView as ViewId;
    else notices.push(`Ignored unknown view '${rawView}'.`);
  }

  let models = DEFAULT_STATE.models;
  const rawModels = get('m');
  if (rawModels !== undefined) {
    const kept: string[] = [];
    for (const id of list(rawModels).slice(0, MAX_MODELS)) {
      if (known.isModel(id) || BARE_SIZE.test(id) || id === 'config') kept.push(id);
      else notices.push(`Ignored unknown model '${id}'.`);
    }
    models = kept.length > 0 ? [...new Set(kept)] : DEFAULT_STATE.models;
  }

  let formats = DEFAULT_STATE.formats;
  const rawFormats = get('f');
  if (rawFormats !== undefined) {
    const kept = list(rawFormats).filter((id) => {
      if (known.isFormat(id)) return true;
      notices.push(`Ignored unknown format '${id}'.`);
      return false;
    });
    formats = kept.length > 0 ? [...new Set(kept)] : DEFAULT_STATE.formats;
  }

  const number = (key: string, label: string, min: number, max: number, fallback: number): number => {
    const raw = get(key);
    if (raw === undefined) return fallback;
    const n = wholeNumber(raw, min, max);
    if (n !== null) return n;
    notices.push(
      `Ignored ${label} '${raw}': it must be a whole number from ${min.toLocaleString('en-US')} to ${max.toLocaleString('en-US')}.`,
    );
    return fallback;
  };
  const context = number('ctx', 'context', 1, MAX_CONTEXT, DEFAULT_STATE.context);
  const batch = number('b', 'batch', 1, MAX_BATCH, DEFAULT_STATE.batch);

  let kv = DEFAULT_STATE.kv;
  const rawKv = get('kv');
  if (rawKv !== undefined) {
    if (isKvCacheType(rawKv)) kv = rawKv;
    else notices.push(`Ignored unknown KV cache type '${rawKv}'.`);
  }

  let runtime = DEFAULT_STATE.runtime;
  const rawRuntime = get('rt');
  if (rawRuntime !== undefined) {
    if (isRuntimeId(rawRuntime)) runtime = rawRuntime;
    else notices.push(`Ignored unknown runtime '${rawRuntime}'.`);
  }
  // The same rule as the estimator and the CLI: a cache type the runtime does not offer is refused.
  const profile = RUNTIMES[runtime];
  if (!profile.kvCacheTypes.includes(kv)) {
    notices.push(
      `Ignored KV cache type '${kv}': ${profile.label} supports ${profile.kvCacheTypes.join(', ')}; using ${profile.defaults.kvCacheType}.`,
    );
    kv = profile.defaults.kvCacheType;
  }

  let pools = DEFAULT_STATE.pools;
  const rawPools = get('g');
  if (rawPools !== undefined) {
    const kept: GpuPool[] = [];
    for (const key of list(rawPools).slice(0, MAX_POOLS)) {
      const pool = parsePool(key, known);
      if (typeof pool === 'string') notices.push(`Ignored ${pool}.`);
      else if (!kept.some((p) => poolKey(p) === poolKey(pool))) kept.push(pool);
    }
    pools = kept.length > 0 ? kept : DEFAULT_STATE.pools;
  }

  let config: string | null = null;
  const rawConfig = get('cfg');
  if (rawConfig !== undefined) {
    const problem = known.configProblem(rawConfig);
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
    else notices.push(`Ignored the selected pair '${rawSel}': it is not among the chosen models and GPUs.`);
  }

  let baseline: string | null = null;
  const rawBase = get('base');
  if (rawBase !== undefined) {
    const pool = parsePool(rawBase, known);
    if (typeof pool === 'string') notices.push(`Ignored the speed baseline: ${pool}.`);
    else baseline = poolKey(pool);
  }

  const plan = parsePlan(get, notices);
  const table = parseTableState(params, notices);
  const host = parseHostState(params, known.isCpu ?? (() => false), notices);

  return {
    state: { view, models, formats, context, batch, kv, runtime, pools, selected, baseline, config, plan, table, host },
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
      notices.push(`Ignored ${label} '${raw}': it must be a whole number from 1 to ${max.toLocaleString('en-US')}.`);
    return n;
  };
  const minTps = optionalWhole('tps', 'minimum speed', 100_000) ?? d.minTps;
  const budget = optionalWhole('bud', 'budget', 100_000_000) ?? d.budget;
  const power = optionalWhole('pw', 'power limit', 1_000_000) ?? d.power;
  let hardware = d.hardware;
  const rawHw = get('hw');
  if (rawHw !== undefined) {
    const kept = list(rawHw).filter((h): h is HardwareClassId => {
      if ((HARDWARE_CLASS_IDS as readonly string[]).includes(h)) return true;
      notices.push(`Ignored unknown hardware class '${h}'.`);
      return false;
    });
    hardware = kept.length > 0 ? [...new Set(kept)] : d.hardware;
  }
  let formats = d.formats;
  const rawPf = get('pf');
  if (rawPf !== undefined) {
    if (rawPf === 'best' || rawPf === 'chosen') formats = rawPf;
    else notices.push(`Ignored plan format mode '${rawPf}'.`);
  }
  return { minTps, budget, power, hardware, formats };
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
  if (!same(state.models, d.models)) parts.push(['m', state.models.join(',')]);
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
  parts.push(...serializeTableState(state.table));
  parts.push(...serializeHostState(state.host));
  // encodeURIComponent leaves , * ~ _ readable; the commas are encoded by URLSearchParams only.
  return `?${parts.map(([k, v]) => `${k}=${encodeURIComponent(v).replace(/%2C/g, ',')}`).join('&')}`;
}
