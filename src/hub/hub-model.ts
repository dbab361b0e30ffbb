import type { ModelArchitecture } from '../core/architecture';
import type { TensorInventory } from '../core/measured-weights';
import { ggufModel } from '../importers/gguf-architecture';
import {
  ggufChoiceFor,
  ggufListing,
  shardsOf,
  type GgufChoice,
  type GgufListing,
  type RepoFile,
} from '../importers/gguf-files';
import { parseGgufHeader, type GgufHeader } from '../importers/gguf-header';
import type { RopeScaling } from '../core/context-scaling';
import { parseHfConfig } from '../importers/hf-config';
import type { HubReference } from '../importers/hub-reference';
import { parsePythonJson } from '../importers/json-text';
import { parseSafetensorsHeader, type SafetensorsHeader } from '../importers/safetensors-header';
import { ggufInventory, packingScheme, safetensorsInventory } from '../importers/tensor-inventory';
import { HubClient, HubError, isCommitSha, type HubOptions } from './hub-client';

/** A repository as the model box shows it before anything heavy is read. */
export interface RepoSummary {
  readonly repo: string;
  /** The commit the revision resolved to: links name it, so a colleague sees the same files. */
  readonly sha: string;
  readonly gated: boolean;
  /** cardData.base_model: where an ungated copy or the original may be. */
  readonly baseModels: readonly string[];
  readonly files: readonly RepoFile[];
  readonly gguf: GgufListing;
  readonly safetensors: readonly string[];
  readonly hasConfig: boolean;
}

export interface HubModel {
  /** hf:<repo>@<sha>[:file], the model's token in the app and its `model.source` in the CLI. */
  readonly source: string;
  readonly repo: string;
  readonly sha: string;
  readonly file: string | null;
  readonly name: string;
  readonly modelType: string;
  readonly arch: ModelArchitecture;
  readonly contextLength: number;
  /** rope_scaling when the config extends the window (safetensors repos; GGUF headers: none). */
  readonly ropeScaling?: RopeScaling | undefined;
  /** The format id the weights are stored in (weight-formats.ts), or null when none fits. */
  readonly storedFormat: string | null;
  readonly tensors: TensorInventory;
  readonly weightBytes: number;
  readonly assumptions: readonly string[];
  /** The compact config.json a link could carry instead (safetensors repos), or null. */
  readonly configText: string | null;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Model info at a revision: sha, gated, cardData (GET /api/models/{repo}/revision/{rev}). */
async function modelInfo(hub: HubClient, repo: string, revision: string) {
  const url = hub.apiUrl(
    repo,
    `revision/${encodeURIComponent(revision)}?expand[]=sha&expand[]=gated&expand[]=cardData`,
  );
  const info = await hub.json(url, repo, isCommitSha(revision));
  if (!isObject(info) || typeof info['sha'] !== 'string' || !isCommitSha(info['sha'])) {
    throw new HubError('bad-file', `the Hub's answer about ${repo} has no commit id`, repo);
  }
  const card = isObject(info['cardData']) ? info['cardData'] : {};
  const base = card['base_model'];
  const baseModels = (Array.isArray(base) ? base : [base]).filter((b): b is string => typeof b === 'string');
  return {
    sha: info['sha'],
    gated: info['gated'] !== false && info['gated'] !== undefined && info['gated'] !== null,
    baseModels,
  };
}

/** Every file with its size (GET /api/models/{repo}/tree/{sha}?recursive=true, all pages). */
async function listFiles(hub: HubClient, repo: string, sha: string): Promise<RepoFile[]> {
  const items = await hub.pages(hub.apiUrl(repo, `tree/${sha}?recursive=true`), repo, true);
  const files: RepoFile[] = [];
  for (const item of items) {
    if (!isObject(item) || item['type'] !== 'file' || typeof item['path'] !== 'string') continue;
    const lfs = isObject(item['lfs']) ? item['lfs'] : null;
    const size = typeof lfs?.['size'] === 'number' ? lfs['size'] : item['size'];
    if (typeof size === 'number' && Number.isSafeInteger(size) && size >= 0) files.push({ path: item['path'], size });
  }
  return files;
}

export async function inspectRepo(ref: HubReference, options: HubOptions): Promise<RepoSummary> {
  const hub = new HubClient(options);
  const info = await modelInfo(hub, ref.repo, ref.revision ?? 'main');
  const files = await listFiles(hub, ref.repo, info.sha);
  return {
    repo: ref.repo,
    sha: info.sha,
    gated: info.gated,
    baseModels: info.baseModels,
    files,
    gguf: ggufListing(files),
    safetensors: files.map((f) => f.path).filter((p) => /\.safetensors$/.test(p) && !p.includes('/')),
    hasConfig: files.some((f) => f.path === 'config.json'),
  };
}

/** The GGUF choice a reference means in a repo, or why there is none. */
export function chosenGguf(
  summary: RepoSummary,
  ref: Pick<HubReference, 'file' | 'quant'>,
): GgufChoice | string | null {
  if (!ref.file && !ref.quant) return null;
  const choice = ggufChoiceFor(summary.gguf, ref);
  if (choice) return choice;
  const labels = summary.gguf.models.map((m) => m.label).join(', ');
  const asked = ref.file ?? `:${ref.quant ?? ''}`;
  return labels
    ? `${summary.repo} has no GGUF file matching ${asked}; it has ${labels}`
    : `${summary.repo} has no GGUF files`;
}

type Progress = (text: string) => void;

/** Reads a header by ranged GETs, growing the range while the parser asks for more. */
async function readHeader<T>(
  hub: HubClient,
  repo: string,
  sha: string,
  path: string,
  size: number,
  first: number,
  parse: (
    bytes: Uint8Array,
    size: number,
  ) => { status: 'ok'; header: T } | { status: 'more'; needBytes: number } | { status: 'error'; error: string },
): Promise<T> {
  const url = hub.fileUrl(repo, sha, path);
  let bytes = await hub.bytes(url, repo, [0, Math.min(size, first) - 1], true);
  for (let attempt = 0; attempt < 12; attempt++) {
    const r = parse(bytes, size);
    if (r.status === 'ok') return r.header;
    if (r.status === 'error') throw new HubError('bad-file', `${path}: ${r.error}`, repo);
    const more = await hub.bytes(url, repo, [bytes.length, Math.min(size, r.needBytes) - 1], true);
    const joined = new Uint8Array(bytes.length + more.length);
    joined.set(bytes);
    joined.set(more, bytes.length);
    if (more.length === 0) throw new HubError('bad-file', `${path}: the file ended inside its header`, repo);
    bytes = joined;
  }
  throw new HubError('bad-file', `${path}: its header did not end after 12 reads`, repo);
}

/** Runs `jobs` with at most `limit` at once, in order of results. */
async function pool<T>(jobs: readonly (() => Promise<T>)[], limit: number): Promise<T[]> {
  const results: T[] = new Array<T>(jobs.length);
  let next = 0;
  const worker = async () => {
    while (next < jobs.length) {
      const i = next++;
      const job = jobs[i];
      if (job) results[i] = await job();
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, jobs.length) }, worker));
  return results;
}

function sizeOf(summary: RepoSummary, path: string): number {
  const f = summary.files.find((x) => x.path === path);
  if (!f) throw new HubError('not-found', `${summary.repo} has no file ${path}`, summary.repo);
  return f.size;
}

// The first read of a GGUF header: metadata with a large tokenizer needs several MiB, and each
// further read doubles what was read.
const GGUF_FIRST_READ = 2 * 1024 * 1024;
// huggingface_hub reads safetensors headers with a first range of 100,000 bytes.
const SAFETENSORS_FIRST_READ = 100_000;

async function loadGguf(
  hub: HubClient,
  summary: RepoSummary,
  choice: GgufChoice,
  progress: Progress,
): Promise<HubModel> {
  const paths = choice.shards > 1 ? choice.files : shardsOf(summary.files, choice.file);
  let done = 0;
  const headers = await pool(
    paths.map((path) => async () => {
      const h = await readHeader<GgufHeader>(
        hub,
        summary.repo,
        summary.sha,
        path,
        sizeOf(summary, path),
        GGUF_FIRST_READ,
        parseGgufHeader,
      );
      done++;
      progress(`read ${done} of ${paths.length} GGUF header${paths.length > 1 ? 's' : ''}`);
      return h;
    }),
    3,
  );
  const first = headers[0];
  if (!first) throw new HubError('bad-file', `${choice.file} has no header`, summary.repo);
  const model = ggufModel(first);
  if (!model.ok) throw new HubError('bad-file', `${choice.file}: ${model.error}`, summary.repo);
  const tensors = ggufInventory(headers, `GGUF header${paths.length > 1 ? 's' : ''} of ${choice.file}`);
  return {
    source: `hf:${summary.repo}@${summary.sha}:${choice.file}`,
    repo: summary.repo,
    sha: summary.sha,
    file: choice.file,
    name: `${summary.repo.split('/')[1] ?? summary.repo} · ${choice.label}`,
    modelType: model.value.modelType,
    arch: model.value.arch,
    contextLength: model.value.contextLength,
    storedFormat: model.value.fileType,
    tensors,
    weightBytes: tensors.tensors.reduce((n, t) => n + t.bytes, 0),
    assumptions: model.value.assumptions,
    configText: null,
  };
}

async function loadSafetensors(hub: HubClient, summary: RepoSummary, progress: Progress): Promise<HubModel> {
  if (!summary.hasConfig) {
    throw new HubError(
      'bad-file',
      `${summary.repo} has no config.json and no GGUF files: Headroom cannot tell its architecture`,
      summary.repo,
    );
  }
  progress('reading config.json');
  const configBytes = await hub.bytes(hub.fileUrl(summary.repo, summary.sha, 'config.json'), summary.repo, null, true);
  const configText = new TextDecoder().decode(configBytes);
  const parsed = parseHfConfig(configText);
  if (!parsed.ok) throw new HubError('bad-file', `${summary.repo}: ${parsed.error}`, summary.repo);
  let shards = summary.safetensors.filter((p) => p !== 'consolidated.safetensors');
  const index = summary.files.find((f) => f.path === 'model.safetensors.index.json');
  if (index) {
    progress('reading model.safetensors.index.json');
    const json = await hub.json(hub.fileUrl(summary.repo, summary.sha, index.path), summary.repo, true);
    const map = isObject(json) && isObject(json['weight_map']) ? json['weight_map'] : null;
    if (!map) throw new HubError('bad-file', 'model.safetensors.index.json has no weight_map', summary.repo);
    shards = [...new Set(Object.values(map).filter((v): v is string => typeof v === 'string'))].sort();
  }
  if (shards.length === 0) {
    throw new HubError(
      'bad-file',
      `${summary.repo} has no safetensors weights at its top level (nor GGUF files)`,
      summary.repo,
    );
  }
  let done = 0;
  progress(`reading ${shards.length} safetensors header${shards.length > 1 ? 's' : ''}`);
  const headers = await pool(
    shards.map((path) => async () => {
      const h = await readHeader<SafetensorsHeader>(
        hub,
        summary.repo,
        summary.sha,
        path,
        sizeOf(summary, path),
        SAFETENSORS_FIRST_READ,
        parseSafetensorsHeader,
      );
      done++;
      progress(`read ${done} of ${shards.length} safetensors header${shards.length > 1 ? 's' : ''}`);
      return h;
    }),
    4,
  );
  const tensors = safetensorsInventory(
    headers,
    packingScheme(parsePythonJson(configText)),
    `safetensors header${shards.length > 1 ? 's' : ''} of ${summary.repo}`,
  );
  return {
    source: `hf:${summary.repo}@${summary.sha}`,
    repo: summary.repo,
    sha: summary.sha,
    file: null,
    name: summary.repo.split('/')[1] ?? summary.repo,
    modelType: parsed.value.modelType,
    arch: parsed.value.arch,
    contextLength: parsed.value.contextLength,
    ropeScaling: parsed.value.ropeScaling,
    storedFormat: parsed.value.storedFormat,
    tensors,
    weightBytes: tensors.tensors.reduce((n, t) => n + t.bytes, 0),
    assumptions: parsed.value.assumptions,
    configText,
  };
}

/**
 * Reads a model's headers: a GGUF file (the reference's file or quant, or a repo's only GGUF)
 * or the safetensors checkpoint with its config.json. A gated repo's refusal says so.
 */
export async function loadHubModel(
  ref: HubReference,
  options: HubOptions,
  progress: Progress = () => undefined,
): Promise<HubModel> {
  const hub = new HubClient(options);
  progress(`asking ${hub.host} about ${ref.repo}`);
  const summary = await inspectRepo(ref, options);
  try {
    const chosen = chosenGguf(summary, ref);
    if (typeof chosen === 'string') throw new HubError('not-found', chosen, ref.repo);
    if (chosen) return await loadGguf(hub, summary, chosen, progress);
    if (summary.safetensors.length === 0 && summary.gguf.models.length > 0) {
      if (summary.gguf.models.length === 1 && summary.gguf.models[0])
        return await loadGguf(hub, summary, summary.gguf.models[0], progress);
      throw new HubError(
        'not-found',
        `${ref.repo} holds ${summary.gguf.models.length} GGUF files; choose one (${summary.gguf.models.map((m) => m.label).join(', ')})`,
        ref.repo,
      );
    }
    return await loadSafetensors(hub, summary, progress);
  } catch (e) {
    // Files of a gated repo answer 401/403; the model info (public) says it is gated.
    if (e instanceof HubError && summary.gated && (e.kind === 'gated' || e.status === 401 || e.status === 403)) {
      throw new HubError(
        'gated',
        `${ref.repo} is gated: its files open only to a Hugging Face account that has accepted its licence`,
        ref.repo,
        e.status,
      );
    }
    throw e;
  }
}
