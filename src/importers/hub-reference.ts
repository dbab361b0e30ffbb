/**
 * What a user pasted that names a model on the Hugging Face Hub: a repo id, a model page or file
 * URL on huggingface.co or hf.co, or llama.cpp's `<repo>:<quant>` shorthand (llama-server -hf).
 * A /blob/ URL is an HTML page the browser cannot read across origins, so it becomes the file it
 * shows (/resolve/); `?show_file_info=<file>` names a file the same way.
 */
export interface HubReference {
  readonly repo: string;
  /** A branch, tag or commit; null: the default branch. */
  readonly revision: string | null;
  /** A file in the repo (a .gguf to use), or null. */
  readonly file: string | null;
  /** A quantization label to match in the repo's GGUF file names ("Q4_K_M"), or null. */
  readonly quant: string | null;
}

export type HubReferenceResult =
  | { readonly kind: 'hub'; readonly ref: HubReference }
  | { readonly kind: 'invalid'; readonly error: string }
  /** Not a Hub reference: search text for the catalogue. */
  | { readonly kind: 'search' };

// Hub repo names: letters, digits, "-", "_", "." (huggingface_hub validate_repo_id), at most 96 each.
const NAME = '[A-Za-z0-9][\\w.-]{0,95}';
const REPO = new RegExp(`^(${NAME})/(${NAME})$`);
const HOSTS = new Set(['huggingface.co', 'www.huggingface.co', 'hf.co']);
const QUANT = /^(?:UD-)?(?:I?Q\d[A-Z0-9_]*|BF16|F16|F32|MXFP4(?:_MOE)?)$/i;

function repoProblem(owner: string, name: string): string | null {
  if (name.endsWith('.git') || owner.includes('..') || name.includes('..'))
    return `'${owner}/${name}' is not a valid repo id`;
  return null;
}

function fromRepoText(raw: string): HubReferenceResult {
  // owner/name[@revision][:quant]
  const m = /^([^/@:\s]+)\/([^/@:\s]+)(?:@([\w./-]+))?(?::([\w-]+))?$/.exec(raw);
  if (!m?.[1] || !m[2]) return { kind: 'search' };
  const [owner, name] = [m[1], m[2]];
  if (!REPO.test(`${owner}/${name}`))
    return { kind: 'invalid', error: `'${raw}' is not a repo id such as Qwen/Qwen3-32B` };
  const problem = repoProblem(owner, name);
  if (problem) return { kind: 'invalid', error: problem };
  const quant = m[4] ?? null;
  if (quant !== null && !QUANT.test(quant)) {
    return { kind: 'invalid', error: `':${quant}' is not a quantization label such as :Q4_K_M, :Q8_0 or :IQ4_XS` };
  }
  return { kind: 'hub', ref: { repo: `${owner}/${name}`, revision: m[3] ?? null, file: null, quant } };
}

function fromUrl(url: URL, mirrors: readonly string[]): HubReferenceResult {
  if (!HOSTS.has(url.hostname.toLowerCase()) && !mirrors.includes(url.host.toLowerCase())) {
    return {
      kind: 'invalid',
      error: `${url.hostname} is not the Hugging Face Hub; paste a huggingface.co or hf.co link`,
    };
  }
  const parts = url.pathname.split('/').filter(Boolean).map(decodeURIComponent);
  if (parts[0] === 'datasets' || parts[0] === 'spaces') {
    return { kind: 'invalid', error: `that link is a ${parts[0].slice(0, -1)}, not a model` };
  }
  const [owner, name, verb, revision, ...rest] = parts;
  if (!owner || !name) return { kind: 'invalid', error: 'the link does not name a model (owner/name)' };
  const repo = fromRepoText(`${owner}/${name}`);
  if (repo.kind !== 'hub')
    return repo.kind === 'search' ? { kind: 'invalid', error: `'${owner}/${name}' is not a repo id` } : repo;
  const shown = url.searchParams.get('show_file_info');
  let file = shown && shown.length > 0 ? shown : null;
  let rev: string | null = null;
  if (verb === 'tree' || verb === 'blob' || verb === 'resolve') {
    rev = revision ?? null;
    if (verb !== 'tree' && rest.length > 0) file = rest.join('/');
  } else if (verb !== undefined) {
    return { kind: 'invalid', error: `the link's '/${verb}/' page is not a model page or file` };
  }
  return { kind: 'hub', ref: { ...repo.ref, revision: rev, file } };
}

/**
 * Reads pasted text; search text (no slash, or spaces) is left to the catalogue search. Links to
 * `mirrors` (hosts of a Hub mirror the user set, as HF_ENDPOINT sets one) count as Hub links.
 */
export function parseHubReference(text: string, mirrors: readonly string[] = []): HubReferenceResult {
  const raw = text.trim();
  if (raw === '' || /\s/.test(raw)) return { kind: 'search' };
  if (/^https?:\/\//i.test(raw) || /^(?:www\.)?(?:huggingface\.co|hf\.co)\//i.test(raw)) {
    let url: URL;
    try {
      url = new URL(/^https?:\/\//i.test(raw) ? raw : `https://${raw}`);
    } catch {
      return { kind: 'invalid', error: `'${raw.slice(0, 60)}' is not a valid link` };
    }
    return fromUrl(
      url,
      mirrors.map((m) => m.toLowerCase()),
    );
  }
  if (!raw.includes('/')) return { kind: 'search' };
  return fromRepoText(raw);
}
