import { MAX_CONTEXT_TOKENS } from '../core/bounds';
import { plainDecimal } from '../core/input-text';

/**
 * What a Headroom link can carry: one set of limits for the page's parser, the controls that
 * write the link and the CLI, whose closing link must reopen exactly what it estimated. A CLI
 * flag beyond these is refused with the limit rather than printed into a link the page would
 * change.
 */

/** Tokens of context per sequence (the estimator's own bound: Llama 4 Scout's 10M fit). */
export const MAX_CONTEXT = MAX_CONTEXT_TOKENS;
/** Concurrent sequences: the page's batch control goes to 256. */
export const MAX_BATCH = 256;
export const MAX_MODELS = 60;
export const MAX_POOLS = 60;
export const MAX_FORMATS = 60;
/** GPUs in one pool, all parts together (8 nodes of 8 GPUs). */
export const MAX_POOL_GPUS = 64;
/** Longest search or filter text a link keeps, in characters (code points). */
export const MAX_TABLE_TEXT = 100;
/**
 * Longest pasted config.json a link carries, in characters of its compact form (only the keys
 * the estimator reads; real ones are under 1,000), so links stay within what static hosts accept.
 */
export const MAX_LINK_CONFIG = 8192;
/** The buying guide's needs, whole numbers: tok/s per user, US dollars, watts. */
export const PLAN_LIMITS = { minTps: 100_000, budget: 100_000_000, power: 1_000_000 } as const;
/**
 * The buying guide's quality threshold (`ql`): a mean KL divergence from the 16-bit model, the
 * same range and default as planning/format-choice.ts (a test holds them equal).
 */
export const QUALITY_LOSS_LIMITS = { min: 0.0001, max: 1, default: 0.01 } as const;
/** The table's minimum-decode filter, tok/s. */
export const MAX_DECODE_FILTER = 1_000_000;

/**
 * A bare parameter count ("7b", "0.5b", "1.5t", "350m"): 100M to 10T, where the assumed
 * Llama-3-like shape (core/architecture.ts fallbackArchitecture) reproduces the count; smaller
 * models are dominated by the vocabulary and come out far larger than asked.
 */
export const BARE_SIZE_MIN = 1e8;
export const BARE_SIZE_MAX = 1e13;
/** The context a bare size is assumed to support. */
export const BARE_SIZE_CONTEXT = 1_048_576;

const BARE_SIZE = /^(\d{1,6}(?:\.\d{1,12})?)([mbt])$/;
const UNIT = { m: 1e6, b: 1e9, t: 1e12 } as const;

export type BareSize = { readonly ok: true; readonly count: number } | { readonly ok: false; readonly problem: string };

/** null when `token` is not written as a bare size at all; else its count or why it is refused. */
export function parseBareSize(token: string): BareSize | null {
  const m = BARE_SIZE.exec(token);
  if (!m) return null;
  const unit = m[2] === 'm' ? UNIT.m : m[2] === 't' ? UNIT.t : UNIT.b;
  const count = Number(m[1]) * unit;
  if (count >= BARE_SIZE_MIN && count <= BARE_SIZE_MAX) return { ok: true, count };
  return { ok: false, problem: 'a bare model size must be from 100m to 10t parameters (e.g. 7b, 0.5b, 1.5t)' };
}

/** The token a link writes for `count` parameters: 7e9 → "7b", 1.5e12 → "1.5t", 3.5e8 → "350m". */
export function bareSizeToken(count: number): string {
  const [unit, scale] = count >= 1e12 ? ['t', UNIT.t] : count >= 1e9 ? ['b', UNIT.b] : ['m', UNIT.m];
  // Twelve figures, as the parser reads at most twelve decimals: the token reads back as the count.
  return `${plainDecimal(Number((count / scale).toPrecision(12)))}${unit}`;
}
