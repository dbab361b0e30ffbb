/**
 * The GGUF files of a repository as the choices a user makes: each quantization once with its
 * exact size (a model split into -00001-of-0000N shards is one choice, its size the sum), vision
 * projectors (mmproj-*.gguf) apart, since they are loaded beside a model, not instead of one.
 */
export interface RepoFile {
  readonly path: string;
  readonly size: number;
}

export interface GgufChoice {
  /** The quantization label read from the file name ("Q4_K_M", "UD-Q4_K_XL", "BF16"), or the name. */
  readonly label: string;
  /** The file to open first: the only file, or shard 1. */
  readonly file: string;
  readonly files: readonly string[];
  readonly bytes: number;
  readonly shards: number;
}

export interface GgufListing {
  readonly models: readonly GgufChoice[];
  readonly projectors: readonly RepoFile[];
}

const SHARD = /-(\d{5})-of-(\d{5})\.gguf$/i;
const LABEL = /(?:^|[-_.])((?:UD-)?(?:I?Q\d(?:_[0-9A-Z]+)*|BF16|F16|F32|MXFP4(?:_MOE)?))(?=[-_.]|$)/i;

const basename = (path: string) => path.slice(path.lastIndexOf('/') + 1);

export function quantLabel(path: string): string {
  const stem = basename(path)
    .replace(SHARD, '')
    .replace(/\.gguf$/i, '');
  const found = [...stem.matchAll(new RegExp(LABEL, 'gi'))].pop()?.[1];
  return found ? found.toUpperCase().replace(/^UD-/, 'UD-') : stem;
}

export function ggufListing(files: readonly RepoFile[]): GgufListing {
  const groups = new Map<string, RepoFile[]>();
  const projectors: RepoFile[] = [];
  for (const f of files) {
    if (!/\.gguf$/i.test(f.path)) continue;
    if (/^mmproj/i.test(basename(f.path))) {
      projectors.push(f);
      continue;
    }
    const key = f.path.replace(SHARD, '');
    groups.set(key, [...(groups.get(key) ?? []), f]);
  }
  const models = [...groups.values()].map((parts): GgufChoice => {
    const sorted = [...parts].sort((a, b) => a.path.localeCompare(b.path));
    const first = sorted[0] as RepoFile;
    return {
      label: quantLabel(first.path),
      file: first.path,
      files: sorted.map((p) => p.path),
      bytes: sorted.reduce((n, p) => n + p.size, 0),
      shards: sorted.length,
    };
  });
  models.sort((a, b) => a.bytes - b.bytes);
  return { models, projectors };
}

/** The choice a `<repo>:<quant>` or a file name means, or null. */
export function ggufChoiceFor(
  listing: GgufListing,
  wanted: { quant?: string | null; file?: string | null },
): GgufChoice | null {
  if (wanted.file) {
    return listing.models.find((m) => m.files.includes(wanted.file ?? '') || basename(m.file) === wanted.file) ?? null;
  }
  if (wanted.quant) {
    const q = wanted.quant.toUpperCase();
    return listing.models.find((m) => m.label.toUpperCase() === q) ?? null;
  }
  return null;
}

/** Other files of the same split model, when `file` is one shard of it. */
export function shardsOf(files: readonly RepoFile[], file: string): string[] {
  if (!SHARD.test(file)) return [file];
  const key = file.replace(SHARD, '');
  return files
    .map((f) => f.path)
    .filter((p) => SHARD.test(p) && p.replace(SHARD, '') === key)
    .sort();
}
