import type { AsyncModelSource } from './async-models';
import { weightFormatById } from '../core/formats/weight-formats';
import { countParameters } from '../core/params';
import type { GgufChoice } from '../importers/gguf-files';
import { hubKey, parseHubKey } from '../url/hub-models';
import type { ScenarioModel } from '../view-models/scenario';
import { formatGiB, formatParams } from '../view-models/format-units';
import { browserByteCache } from './browser-cache';
import type { ByteCache } from '../hub/hub-client';
import type { TensorInventory } from '../core/measured-weights';
import type { ModelArchitecture } from '../core/architecture';
import { scaledContextLimit, type RopeScaling } from '../core/context-scaling';

/**
 * Where Hub models and local GGUF files meet the page: async model sources for `hf:` and `gguf:`
 * keys, the read token (in memory only: never in the address, storage, logs or a link), and what
 * a failed load offers the user (choose a quant, use a token, an ungated copy, paste config.json).
 * The Hub client and the header parsers load on first use, so none of them is in the first
 * visit's JavaScript.
 */

const ENDPOINT_KEY = 'headroom:hf-endpoint';
export const DEFAULT_HUB_ENDPOINT = 'https://huggingface.co';

/** The Hub endpoint: a mirror the user set (like HF_ENDPOINT for the Hub's own clients), or huggingface.co. */
export function hubEndpoint(): string {
  try {
    return window.localStorage.getItem(ENDPOINT_KEY) ?? DEFAULT_HUB_ENDPOINT;
  } catch {
    return DEFAULT_HUB_ENDPOINT;
  }
}

export function setHubEndpoint(url: string | null): void {
  try {
    if (url === null || url === DEFAULT_HUB_ENDPOINT) window.localStorage.removeItem(ENDPOINT_KEY);
    else window.localStorage.setItem(ENDPOINT_KEY, url);
  } catch {
    // Storage may be off (private windows): the mirror then lasts for this page only.
  }
}

/**
 * What a pasted reference asked for beyond the key (a branch or tag, a quant label): the key holds
 * only a commit and a file, which the load finds out.
 */
const wanted = new Map<string, { readonly revision: string | null; readonly quant: string | null }>();
export function wantHubModel(repo: string, revision: string | null, quant: string | null): string {
  wanted.set(repo, { revision, quant });
  return `hf:${repo}`;
}

let token: string | null = null;
/** A read token for gated repos, for this page's lifetime only. */
export function setHubToken(value: string | null): void {
  token = value && value.trim() !== '' ? value.trim() : null;
}
export const hasHubToken = () => token !== null;

/** What the model box offers when a Hub model could not be loaded as asked. */
export type HubProblem =
  | {
      readonly kind: 'choose';
      readonly repo: string;
      readonly choices: readonly { readonly key: string; readonly choice: GgufChoice }[];
      readonly projectors: readonly { readonly path: string; readonly size: number }[];
    }
  | { readonly kind: 'gated'; readonly repo: string; readonly mirrors: readonly string[] };

const problems = new Map<string, HubProblem>();
export const hubProblem = (key: string): HubProblem | undefined => problems.get(key);

/** Keys whose load resolved to a commit: the page writes the resolved key into the address. */
const resolved = new Map<string, string>();
export const resolvedHubKey = (key: string): string | undefined => resolved.get(key);

let cache: ByteCache | null = null;
async function headerCache(): Promise<ByteCache> {
  if (!cache) {
    const { memoryCache } = await import('../hub/memory-cache');
    cache = memoryCache(256 * 1024 * 1024, browserByteCache());
  }
  return cache;
}

function scenarioModel(
  key: string,
  name: string,
  family: string,
  arch: ModelArchitecture,
  contextLimit: number,
  tensors: TensorInventory,
  storedFormat: string | null,
  fixedFormat: boolean,
  source: string,
  assumptions: readonly string[],
  ropeScaling?: RopeScaling,
): ScenarioModel {
  const format =
    (storedFormat === null ? null : weightFormatById(storedFormat)) ??
    weightFormatById(fixedFormat ? 'gguf-f16' : 'bf16');
  if (!format) throw new Error('the catalogue lost its float formats');
  const weightBytes = tensors.tensors.reduce((n, t) => n + t.bytes, 0);
  const p = countParameters(arch);
  return {
    key,
    name: `${name} (${formatGiB(weightBytes)})`,
    family,
    arch,
    contextLimit,
    scaledContextLimit: scaledContextLimit(contextLimit, ropeScaling),
    ropeScaling,
    totalParams: tensors.tensors.reduce((n, t) => n + t.elements, 0) || p.total,
    activeParams: p.active,
    moe: arch.moe !== undefined,
    source,
    custom: true,
    measured: { tensors, format, fixedFormat },
    assumptions,
  };
}

/** Models on the Hugging Face Hub: `hf:<repo>[@<sha>][:file]`. */
export const hubSource: AsyncModelSource = {
  matches: (key) => parseHubKey(key) !== null,
  label: (key) => {
    const k = parseHubKey(key);
    return k ? `${k.repo}${k.file ? ` · ${k.file}` : ''}` : key;
  },
  load: async (key, signal, progress) => {
    const k = parseHubKey(key);
    if (!k) throw new Error(`'${key}' is not a Hub model`);
    problems.delete(key);
    progress('loading the Hub reader…');
    const [{ loadHubModel, inspectRepo }, { HubError }] = await Promise.all([
      import('../hub/hub-model'),
      import('../hub/hub-client'),
    ]);
    const options = { endpoint: hubEndpoint(), token: token ?? undefined, signal, cache: await headerCache() };
    const asked = k.sha === null && k.file === null ? wanted.get(k.repo) : undefined;
    const ref = { repo: k.repo, revision: k.sha ?? asked?.revision ?? null, file: k.file, quant: asked?.quant ?? null };
    try {
      const m = await loadHubModel(ref, options, progress);
      resolved.set(key, m.source);
      return scenarioModel(
        m.source,
        m.name,
        'Hugging Face Hub',
        m.arch,
        m.contextLength,
        m.tensors,
        m.storedFormat,
        m.file !== null,
        `${options.endpoint}/${m.repo}/tree/${m.sha}${m.file ? ` (${m.file})` : ''}`,
        [
          `${m.tensors.tensors.length.toLocaleString('en-US')} tensors read from the ${m.tensors.source}: ${formatParams(countParameters(m.arch).total)} parameters by the architecture`,
          ...m.assumptions,
        ],
        m.ropeScaling,
      );
    } catch (e) {
      if (e instanceof HubError && e.kind === 'gated') {
        const summary = await inspectRepo(ref, { ...options, token: undefined }).catch(() => null);
        const name = k.repo.split('/')[1] ?? k.repo;
        const mirrors = [...new Set([`unsloth/${name}`, ...(summary?.baseModels ?? [])])].filter((r) => r !== k.repo);
        problems.set(key, { kind: 'gated', repo: k.repo, mirrors });
        throw new Error(`${e.message}.`);
      }
      if (e instanceof HubError && e.kind === 'not-found' && /choose one/.test(e.message)) {
        const summary = await inspectRepo(ref, options);
        problems.set(key, {
          kind: 'choose',
          repo: k.repo,
          choices: summary.gguf.models.map((choice) => ({
            key: hubKey({ repo: k.repo, sha: summary.sha, file: choice.file }),
            choice,
          })),
          projectors: summary.gguf.projectors,
        });
        throw new Error(`${k.repo} has ${summary.gguf.models.length} GGUF files: choose one below.`);
      }
      throw e;
    }
  },
};

/** Local GGUF files the user opened on this page, by name: only their headers are read. */
const localFiles = new Map<string, File>();

export function openLocalGguf(file: File): string {
  const key = `gguf:${file.name}`;
  localFiles.set(key, file);
  return key;
}

export const localGgufSource: AsyncModelSource = {
  matches: (key) => key.startsWith('gguf:'),
  label: (key) => key.slice(5),
  load: async (key, signal, progress) => {
    const file = localFiles.get(key);
    if (!file) {
      throw new Error(
        `${key.slice(5)} is a file on the computer this link was made on: open it again with “Open a .gguf file”.`,
      );
    }
    progress('reading the GGUF header…');
    const [{ parseGgufHeader }, { ggufModel }, { ggufInventory }] = await Promise.all([
      import('../importers/gguf-header'),
      import('../importers/gguf-architecture'),
      import('../importers/tensor-inventory'),
    ]);
    // File.slice reads only the header, a growing prefix at a time, never the whole file.
    let want = Math.min(file.size, 2 * 1024 * 1024);
    for (let i = 0; i < 12; i++) {
      if (signal.aborted) throw new Error('cancelled');
      const bytes = new Uint8Array(await file.slice(0, want).arrayBuffer());
      const r = parseGgufHeader(bytes, file.size);
      if (r.status === 'error') throw new Error(`${file.name}: ${r.error}`);
      if (r.status === 'more') {
        want = Math.min(file.size, r.needBytes);
        progress(`reading the GGUF header (${formatGiB(want)} so far)…`);
        continue;
      }
      const model = ggufModel(r.header);
      if (!model.ok) throw new Error(`${file.name}: ${model.error}`);
      const tensors = ggufInventory([r.header], `GGUF header of ${file.name}`);
      return scenarioModel(
        key,
        model.value.name ?? file.name,
        'Local files',
        model.value.arch,
        model.value.contextLength,
        tensors,
        model.value.fileType,
        true,
        file.name,
        [
          `${tensors.tensors.length.toLocaleString('en-US')} tensors read from the header of ${file.name}`,
          ...model.value.assumptions,
        ],
      );
    }
    throw new Error(`${file.name}: its header did not end after 12 reads`);
  },
};
