import { quoteInput } from '../core/input-text';

/**
 * Every part a Headroom link may carry, and the module that reads it. The parser names any other
 * key in its notice and keeps only the first of a repeated one, so a typo (`?model=…`) or a
 * pasted duplicate (`ctx=4096&ctx=abc`) is never silently dropped.
 *
 * To add a link field: add its key here (or its prefix, for a family of keys) with the module
 * that parses it, then parse it in that module from the URLSearchParams share-link.ts hands on.
 */
export const LINK_KEYS: Readonly<Record<string, string>> = {
  v: 'migrations.ts: link format version',
  view: 'share-link.ts: the open view',
  m: 'share-link.ts: models',
  f: 'share-link.ts: weight formats',
  ctx: 'share-link.ts: context per sequence',
  b: 'share-link.ts: concurrent sequences',
  kv: 'share-link.ts: KV cache type',
  rt: 'share-link.ts: runtime',
  g: 'share-link.ts: GPU pools',
  sel: 'share-link.ts: the selected model and pool',
  base: 'share-link.ts: the speed baseline',
  cfg: 'share-link.ts: a pasted config.json',
  tps: 'share-link.ts: buying guide minimum speed',
  bud: 'share-link.ts: buying guide budget',
  pw: 'share-link.ts: buying guide power limit',
  hw: 'share-link.ts: buying guide hardware classes',
  pf: 'share-link.ts: buying guide format mode',
  pk: 'price-state.ts: buying guide price kind',
  hpd: 'price-state.ts: rent vs buy hours a day',
  yrs: 'price-state.ts: rent vs buy years of use',
  kwh: 'price-state.ts: rent vs buy electricity price',
  ql: 'share-link.ts: buying guide quality threshold (mean KLD)',
  ts: 'table-state.ts: table sort',
  tq: 'table-state.ts: table search',
  th: 'table-state.ts: hidden table columns',
  // Keys of features their own modules parse (and own the notices for); listed here so that
  // links carrying them are not reported as unknown.
  hf: 'Hugging Face model import: a Hub repository',
  task: 'task switch: run, serve or train',
  ram: 'system RAM for offload: size',
  rbw: 'system RAM for offload: bandwidth',
  cpu: 'system RAM for offload: catalogue CPU',
  moe: 'expert offload to system RAM',
  // Added by the sites links are shared on; nothing reads them.
  fbclid: 'added by Facebook',
  gclid: 'added by Google Ads',
  msclkid: 'added by Microsoft Ads',
};

/** Families of keys, each owned by one module, e.g. `tf-model`, `tf-decode`. */
export const LINK_KEY_PREFIXES: Readonly<Record<string, string>> = {
  'tf-': 'table-state.ts: table column filters (tf-<column>)',
  // Parsed by the serving and training modules, which own their keys and notices.
  'sv-': 'serving settings',
  'tr-': 'training settings',
  utm_: 'campaign tags added by the sites links are shared on; nothing reads them',
};

/** Common words people write for a key, for "did you mean" in the notice. */
const HINTS: Readonly<Record<string, string>> = {
  model: 'm',
  models: 'm',
  format: 'f',
  formats: 'f',
  precision: 'f',
  context: 'ctx',
  batch: 'b',
  users: 'b',
  runtime: 'rt',
  gpu: 'g',
  gpus: 'g',
  hardware: 'g',
  selected: 'sel',
  baseline: 'base',
  config: 'cfg',
  version: 'v',
  tab: 'view',
};

export function isLinkKey(key: string): boolean {
  if (Object.hasOwn(LINK_KEYS, key)) return true;
  return Object.keys(LINK_KEY_PREFIXES).some((prefix) => key.startsWith(prefix) && key.length > prefix.length);
}

function hint(key: string): string {
  const lower = key.toLowerCase();
  const known = Object.hasOwn(HINTS, lower) ? HINTS[lower] : Object.hasOwn(LINK_KEYS, lower) ? lower : undefined;
  return known !== undefined && known !== key ? ` (did you mean '${known}'?)` : '';
}

function part(key: string, value: string): string {
  return value === '' ? quoteInput(key) : quoteInput(`${key}=${value}`);
}

/**
 * The query with only known keys, each once (its first value), and a notice for every part that
 * was left out. Modules downstream read the cleaned query, so none of them sees a repeat.
 */
export function checkLinkKeys(params: URLSearchParams): {
  readonly params: URLSearchParams;
  readonly notices: string[];
} {
  const out = new URLSearchParams();
  const notices: string[] = [];
  const first = new Map<string, string>();
  for (const [key, value] of params) {
    if (!isLinkKey(key)) {
      notices.push(
        key === ''
          ? `Ignored a part without a name (${part('', value)}).`
          : `Ignored unknown part ${part(key, value)}${hint(key)}.`,
      );
      continue;
    }
    const kept = first.get(key);
    if (kept !== undefined) {
      notices.push(
        `Ignored the repeated ${part(key, value)}: a link gives each part once, and the first (${part(key, kept)}) was used.`,
      );
      continue;
    }
    first.set(key, value);
    out.append(key, value);
  }
  return { params: out, notices };
}
