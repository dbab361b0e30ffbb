/**
 * Models from the Hugging Face Hub in a link: `hf=<repo>@<sha>[:file]`, comma-separated, at the
 * commit they were read at, so a colleague opens the same weights. In the state they are model
 * keys `hf:<repo>@<sha>[:file]` beside the catalogue ids of `m`; a repo without a commit (not yet
 * resolved) is kept too and read at its default branch. Local GGUF files (`gguf:<name>` in `m`)
 * cannot travel in a link: the page asks for the file again.
 */

const HUB_KEY = /^hf:([A-Za-z0-9][\w.-]{0,95}\/[A-Za-z0-9][\w.-]{0,95})(?:@([0-9a-f]{40}))?(?::([^,:]+\.gguf))?$/;
const LOCAL_GGUF = /^gguf:[^,/\\]{1,200}\.gguf$/i;

export interface HubKey {
  readonly repo: string;
  readonly sha: string | null;
  readonly file: string | null;
}

export function isHubKey(key: string): boolean {
  return HUB_KEY.test(key);
}

export function isLocalGgufKey(key: string): boolean {
  return LOCAL_GGUF.test(key);
}

export function parseHubKey(key: string): HubKey | null {
  const m = HUB_KEY.exec(key);
  if (!m?.[1]) return null;
  return { repo: m[1], sha: m[2] ?? null, file: m[3] ?? null };
}

export function hubKey(k: HubKey): string {
  return `hf:${k.repo}${k.sha ? `@${k.sha}` : ''}${k.file ? `:${k.file}` : ''}`;
}

/** The `hf` parameter's models as state keys; malformed entries are named in the notices. */
export function parseHubModels(raw: string | undefined, notices: string[]): string[] {
  if (raw === undefined) return [];
  const kept: string[] = [];
  for (const entry of raw
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)) {
    const key = `hf:${entry}`;
    if (isHubKey(key)) kept.push(key);
    else notices.push(`Ignored Hub model '${entry.slice(0, 80)}': write it as owner/name@<40-hex commit>[:file.gguf].`);
  }
  return [...new Set(kept)];
}

/** The `hf` parameter for the state's Hub models, or null when there are none. */
export function serializeHubModels(models: readonly string[]): string | null {
  const hub = models.filter(isHubKey).map((k) => k.slice(3));
  return hub.length > 0 ? hub.join(',') : null;
}
