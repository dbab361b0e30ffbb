/**
 * A small client for the Hugging Face Hub's HTTP API, written for the browser's rules and used
 * by the CLI too: plain GETs, at most one `Range: bytes=a-b` per request (no HEAD and no suffix
 * ranges, whose CORS preflight the CDN fails), a timeout per request, cancellation through an
 * AbortSignal, and every failure turned into a HubError whose message says what happened in
 * words. Endpoints follow huggingface_hub (HF_ENDPOINT, /api/models/{repo}/revision/{rev},
 * /api/models/{repo}/tree/{rev}?recursive=true paginated by Link, /{repo}/resolve/{rev}/{file};
 * https://github.com/huggingface/huggingface_hub/blob/main/src/huggingface_hub/hf_api.py).
 */

export const DEFAULT_ENDPOINT = 'https://huggingface.co';
const DEFAULT_TIMEOUT_MS = 20_000;

export type HubErrorKind =
  'gated' | 'not-found' | 'rate-limited' | 'offline' | 'timeout' | 'cancelled' | 'http' | 'bad-file';

export class HubError extends Error {
  constructor(
    readonly kind: HubErrorKind,
    message: string,
    readonly repo: string | null = null,
    /** The HTTP status that caused it, if any. */
    readonly status: number | null = null,
  ) {
    super(message);
  }
}

/** Bytes already fetched, kept by URL and range (a commit's files never change). */
export interface ByteCache {
  readonly get: (key: string) => Promise<Uint8Array | undefined>;
  readonly put: (key: string, bytes: Uint8Array) => Promise<void>;
}

export interface HubOptions {
  /** HF_ENDPOINT; default https://huggingface.co. */
  readonly endpoint?: string | undefined;
  /** A read token, sent as a bearer token and never stored. */
  readonly token?: string | undefined;
  readonly signal?: AbortSignal | undefined;
  readonly timeoutMs?: number | undefined;
  readonly fetch?: typeof fetch | undefined;
  readonly cache?: ByteCache | undefined;
}

/** "30 seconds", "2 minutes", "1 hour": how long to wait, as the Retry-After header says. */
export function waitInWords(retryAfter: string | null, now = Date.now()): string {
  let seconds = retryAfter === null ? NaN : Number(retryAfter);
  if (retryAfter !== null && !Number.isFinite(seconds)) seconds = (Date.parse(retryAfter) - now) / 1000;
  if (!Number.isFinite(seconds) || seconds <= 0) return 'a minute or so';
  if (seconds < 90) return `${Math.max(1, Math.round(seconds))} second${Math.round(seconds) === 1 ? '' : 's'}`;
  if (seconds < 3570) return `${Math.round(seconds / 60)} minutes`;
  const hours = Math.round(seconds / 3600);
  return `${hours} hour${hours === 1 ? '' : 's'}`;
}

function hostOf(endpoint: string): string {
  try {
    return new URL(endpoint).host;
  } catch {
    return endpoint;
  }
}

export class HubClient {
  readonly endpoint: string;
  private readonly options: HubOptions;

  constructor(options: HubOptions = {}) {
    this.options = options;
    this.endpoint = (options.endpoint ?? DEFAULT_ENDPOINT).replace(/\/+$/, '');
  }

  get host(): string {
    return hostOf(this.endpoint);
  }

  /** One GET with the timeout and the caller's cancellation; errors in words. */
  async get(url: string, repo: string | null, range?: readonly [number, number]): Promise<Response> {
    const { signal } = this.options;
    if (signal?.aborted) throw new HubError('cancelled', 'cancelled', repo);
    const controller = new AbortController();
    const timeoutMs = this.options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    const timeout = { fired: false };
    const timer = setTimeout(() => {
      timeout.fired = true;
      controller.abort();
    }, timeoutMs);
    const onAbort = () => controller.abort();
    signal?.addEventListener('abort', onAbort);
    const headers: Record<string, string> = {};
    if (range) headers['Range'] = `bytes=${range[0]}-${range[1]}`;
    if (this.options.token) headers['Authorization'] = `Bearer ${this.options.token}`;
    const doFetch = this.options.fetch ?? fetch;
    try {
      const response = await doFetch(url, { headers, signal: controller.signal });
      if (!response.ok) throw this.httpError(response, repo);
      return response;
    } catch (e) {
      if (e instanceof HubError) throw e;
      if (signal?.aborted) throw new HubError('cancelled', 'cancelled', repo);
      if (timeout.fired) {
        throw new HubError(
          'timeout',
          `${this.host} did not answer within ${Math.round(timeoutMs / 1000)} seconds; try again`,
          repo,
        );
      }
      throw new HubError(
        'offline',
        `Could not reach ${this.host}: you seem to be offline, or the site is blocked on this network`,
        repo,
      );
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
    }
  }

  private httpError(response: Response, repo: string | null): HubError {
    const code = response.headers.get('x-error-code');
    const name = repo ?? 'this repository';
    if (code === 'GatedRepo') {
      return new HubError(
        'gated',
        `${name} is gated: its files open only to a Hugging Face account that has accepted its licence`,
        repo,
        response.status,
      );
    }
    if (response.status === 429) {
      return new HubError(
        'rate-limited',
        `The Hugging Face Hub is limiting requests from this address: try again in ${waitInWords(response.headers.get('retry-after'))}`,
        repo,
        response.status,
      );
    }
    if (code === 'RepoNotFound' || response.status === 401) {
      return new HubError(
        'not-found',
        `There is no public model ${name} on the Hugging Face Hub (or it is private)`,
        repo,
        response.status,
      );
    }
    if (code === 'RevisionNotFound')
      return new HubError('not-found', `${name} has no such branch, tag or commit`, repo, response.status);
    if (code === 'EntryNotFound' || response.status === 404) {
      return new HubError('not-found', `${name} has no such file`, repo, response.status);
    }
    if (response.status === 403)
      return new HubError('http', `${this.host} refused access to ${name} (403)`, repo, response.status);
    return new HubError(
      'http',
      `${this.host} answered ${response.status} ${response.statusText}`.trim(),
      repo,
      response.status,
    );
  }

  /** JSON from the API, or from a file; optionally cached (only for addresses at a fixed commit). */
  async json(url: string, repo: string | null, cacheable: boolean): Promise<unknown> {
    const bytes = await this.bytes(url, repo, null, cacheable);
    try {
      return JSON.parse(new TextDecoder().decode(bytes)) as unknown;
    } catch {
      throw new HubError('bad-file', `${url.slice(this.endpoint.length)} is not valid JSON`, repo);
    }
  }

  /** The bytes of a file or of one range of it. */
  async bytes(
    url: string,
    repo: string | null,
    range: readonly [number, number] | null,
    cacheable: boolean,
  ): Promise<Uint8Array> {
    const key = range ? `${url}#${range[0]}-${range[1]}` : url;
    const cache = cacheable ? this.options.cache : undefined;
    const hit = await cache?.get(key);
    if (hit) return hit;
    const response = await this.get(url, repo, range ?? undefined);
    let bytes = new Uint8Array(await response.arrayBuffer());
    // A server that ignores the range sends the whole file: keep only the part asked for.
    if (range && response.status === 200 && bytes.length > range[1] - range[0] + 1) {
      bytes = bytes.slice(range[0], range[1] + 1);
    }
    await cache?.put(key, bytes);
    return bytes;
  }

  /** Every page of a paginated API listing, following the Link header's rel="next". */
  async pages(url: string, repo: string, cacheable: boolean): Promise<unknown[]> {
    const out: unknown[] = [];
    let next: string | null = url;
    for (let page = 0; next !== null && page < 200; page++) {
      const cache = cacheable ? this.options.cache : undefined;
      const cachedPage = await cache?.get(`${next}#page`);
      if (cachedPage) {
        const stored = JSON.parse(new TextDecoder().decode(cachedPage)) as { items: unknown[]; next: string | null };
        out.push(...stored.items);
        next = stored.next;
        continue;
      }
      const response = await this.get(next, repo);
      const items: unknown = await response.json().catch(() => null);
      if (!Array.isArray(items))
        throw new HubError('bad-file', 'the Hub sent a file listing Headroom cannot read', repo);
      out.push(...(items as unknown[]));
      const link = response.headers.get('link');
      const found = link ? /<([^>]+)>\s*;\s*rel="?next"?/.exec(link) : null;
      const following = found?.[1] ? new URL(found[1], this.endpoint).toString() : null;
      await cache?.put(`${next}#page`, new TextEncoder().encode(JSON.stringify({ items, next: following })));
      next = following;
    }
    return out;
  }

  apiUrl(repo: string, suffix: string): string {
    return `${this.endpoint}/api/models/${repo}/${suffix}`;
  }

  fileUrl(repo: string, revision: string, path: string): string {
    return `${this.endpoint}/${repo}/resolve/${encodeURIComponent(revision)}/${path.split('/').map(encodeURIComponent).join('/')}`;
  }
}

export const isCommitSha = (revision: string) => /^[0-9a-f]{40}$/.test(revision);
