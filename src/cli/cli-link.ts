import type { WeightFormat } from '../core/formats/weight-formats';
import type { KvCacheType } from '../core/kv-cache-types';
import type { RuntimeId } from '../core/runtimes/registry';
import { serializeShareLink } from '../url/share-link';
import { DEFAULT_STATE, poolKey, type GpuPool } from '../url/share-state';
import type { HostState } from '../url/host-state';

/**
 * The web-app address that opens the same configuration (DESIGN: every command ends with a link).
 * The base is --link-base, else $HEADROOM_URL (the caller passes either), else the local server
 * that `npm start` runs.
 */
export const DEFAULT_LINK_BASE = 'http://localhost:5173/';

export interface LinkInput {
  readonly base: string | undefined;
  readonly modelToken: string;
  readonly config: string | null;
  readonly format: WeightFormat;
  readonly contextTokens: number;
  readonly batch: number;
  readonly kv: KvCacheType;
  readonly runtime: RuntimeId;
  /** Catalogue GPUs and counts; null for a custom GPU, which a link cannot name. */
  readonly gpus: readonly { readonly id: string; readonly count: number }[] | null;
  /** System RAM and experts kept there, as the link names them (host-state.ts). */
  readonly host?: HostState | undefined;
}

export function cliShareLink(input: LinkInput): string | null {
  if (!input.gpus) return null;
  const pool: GpuPool = { parts: input.gpus.map((g) => ({ id: g.id, count: g.count })) };
  const query = serializeShareLink({
    ...DEFAULT_STATE,
    view: 'details',
    models: [input.modelToken],
    formats: [input.format.id],
    context: input.contextTokens,
    batch: input.batch,
    kv: input.kv,
    runtime: input.runtime,
    pools: [pool],
    selected: { model: input.modelToken, pool: poolKey(pool) },
    config: input.config,
    host: input.host ?? DEFAULT_STATE.host,
  });
  const base = input.base ?? DEFAULT_LINK_BASE;
  return `${base.replace(/\?.*$/, '')}${query}`;
}
