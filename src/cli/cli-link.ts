import type { WeightFormat } from '../core/formats/weight-formats';
import type { KvCacheType } from '../core/kv-cache-types';
import type { RuntimeId } from '../core/runtimes/registry';
import { codePointLength, quoteInput } from '../core/input-text';
import { CliError } from './cli-error';
import { MAX_LINK_CONFIG } from '../url/link-limits';
import { serializeShareLink } from '../url/share-link';
import type { ServingState } from '../url/serving-state';
import { DEFAULT_STATE, poolKey, type GpuPool } from '../url/share-state';
import type { HostState } from '../url/host-state';

/**
 * The web-app address that opens the same configuration (DESIGN: every command ends with a link).
 * The base is --link-base, else $HEADROOM_URL (the caller passes either), else the local server
 * that `npm start` runs.
 */
export const DEFAULT_LINK_BASE = 'http://localhost:5173/';

/**
 * The web app's address from --link-base or $HEADROOM_URL: an absolute http(s) address, else the
 * printed link would not open anywhere.
 */
export function linkBase(flag: string | undefined, env: string | undefined): string | undefined {
  const [raw, name] = flag !== undefined ? [flag, '--link-base'] : [env, '$HEADROOM_URL'];
  if (raw === undefined) return undefined;
  let url: URL | null = null;
  try {
    url = new URL(raw);
  } catch {
    url = null;
  }
  if (url?.protocol !== 'http:' && url?.protocol !== 'https:') {
    throw new CliError(
      `${name} must be the web app's http(s) address, such as https://you.github.io/headroom/; got ${quoteInput(raw)}`,
    );
  }
  return raw;
}

export interface LinkInput {
  readonly base: string | undefined;
  readonly modelToken: string;
  readonly config: string | null;
  readonly format: WeightFormat;
  readonly contextTokens: number;
  readonly batch: number;
  readonly kv: KvCacheType;
  readonly runtime: RuntimeId;
  /** Catalogue GPUs and counts in pool order; null for a custom GPU, which a link cannot name. */
  readonly gpus: readonly { readonly id: string; readonly count: number }[] | null;
  /** Opens the Serve task's view with these settings (headroom serve). */
  readonly serving?: ServingState | undefined;
  /** System RAM and experts kept there, as the link names them (host-state.ts). */
  readonly host?: HostState | undefined;
}

/**
 * The link, or why there is none. The flags that feed it are checked against the link's limits
 * (url/link-limits.ts) as they are parsed, so the page reopens exactly this configuration.
 */
export function cliShareLink(input: LinkInput): { readonly url: string | null; readonly why: string | null } {
  if (!input.gpus) return { url: null, why: 'custom GPUs cannot be named in a link' };
  if (input.config !== null && codePointLength(input.config) > MAX_LINK_CONFIG) {
    return { url: null, why: `this config.json needs more than the ${MAX_LINK_CONFIG} characters a link carries` };
  }
  const pool: GpuPool = { parts: input.gpus.map((g) => ({ id: g.id, count: g.count })) };
  const query = serializeShareLink({
    ...DEFAULT_STATE,
    view: input.serving ? 'serve' : 'details',
    task: input.serving ? 'serve' : DEFAULT_STATE.task,
    serving: input.serving ?? DEFAULT_STATE.serving,
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
  return { url: `${base.replace(/\?.*$/, '')}${query}`, why: null };
}
