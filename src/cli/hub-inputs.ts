import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { readdirSync } from 'node:fs';
import type { TensorInventory } from '../core/measured-weights';
import { ggufModel } from '../importers/gguf-architecture';
import { parseGgufHeader, type GgufHeader } from '../importers/gguf-header';
import { parseHubReference, type HubReference } from '../importers/hub-reference';
import { ggufInventory } from '../importers/tensor-inventory';
import { HubClient, HubError, type HubOptions } from '../hub/hub-client';
import { loadHubModel } from '../hub/hub-model';
import { memoryCache } from '../hub/memory-cache';
import { scaledContextLimit } from '../core/context-scaling';
import { CliError } from './cli-error';
import { quoteInput as quoted } from '../core/input-text';
import type { ResolvedModel } from './resolve-inputs';

/**
 * --hf, --revision, --file and --gguf: models read from the Hugging Face Hub or a GGUF file's
 * header. HF_ENDPOINT and HF_TOKEN are read from the environment, as the Hub's own clients do
 * (https://huggingface.co/docs/huggingface_hub/package_reference/environment_variables).
 */

export interface HubFlags {
  readonly hf?: string | undefined;
  readonly revision?: string | undefined;
  readonly file?: string | undefined;
  readonly gguf?: string | undefined;
}

export interface MeasuredModel extends ResolvedModel {
  readonly tensors: TensorInventory;
  /** The stored weights are a GGUF file: --precision cannot change them. */
  readonly gguf: boolean;
  readonly weightBytes: number;
  readonly assumptions: readonly string[];
}

export const HUB_OPTIONS = {
  hf: { type: 'string' },
  revision: { type: 'string' },
  file: { type: 'string' },
  gguf: { type: 'string' },
} as const;

export function wantsHub(flags: HubFlags): boolean {
  return flags.hf !== undefined || flags.gguf !== undefined;
}

function hubOptions(env: Readonly<Record<string, string | undefined>>): HubOptions {
  return {
    endpoint: env['HF_ENDPOINT'] || undefined,
    token: env['HF_TOKEN'] || undefined,
    cache: memoryCache(),
  };
}

function hubReference(flags: HubFlags): HubReference {
  const raw = flags.hf ?? '';
  const parsed = parseHubReference(raw);
  if (parsed.kind === 'invalid') throw new CliError(`--hf ${quoted(raw)}: ${parsed.error}`);
  if (parsed.kind === 'search') {
    throw new CliError(
      `--hf ${quoted(raw)} is not a Hub repo; give owner/name (Qwen/Qwen3-32B), a huggingface.co link or owner/name:Q4_K_M`,
    );
  }
  const ref = parsed.ref;
  if (flags.revision !== undefined && ref.revision !== null && flags.revision !== ref.revision) {
    throw new CliError(`--revision ${quoted(flags.revision)} contradicts the revision in --hf (${ref.revision})`);
  }
  return { ...ref, revision: flags.revision ?? ref.revision, file: flags.file ?? ref.file };
}

function hubFailure(e: unknown): never {
  if (e instanceof HubError) {
    const hint =
      e.kind === 'gated'
        ? '; set HF_TOKEN to a read token of an account that accepted the licence, or use an ungated copy (--hf unsloth/<name>), or --config with its config.json'
        : '';
    throw new CliError(`${e.message}${hint}`);
  }
  throw e;
}

async function fromHub(flags: HubFlags, env: Readonly<Record<string, string | undefined>>): Promise<MeasuredModel> {
  const ref = hubReference(flags);
  let model;
  try {
    model = await loadHubModel(ref, hubOptions(env));
  } catch (e) {
    hubFailure(e);
  }
  return {
    id: model.source,
    name: model.name,
    arch: model.arch,
    contextLimit: model.contextLength,
    scaledContextLimit: scaledContextLimit(model.contextLength, model.ropeScaling),
    ropeScaling: model.ropeScaling,
    source: model.source,
    linkToken: model.source,
    config: null,
    storedFormat: model.storedFormat,
    tensors: model.tensors,
    gguf: model.file !== null,
    weightBytes: model.weightBytes,
    assumptions: model.assumptions,
  };
}

const SHARD = /-(\d{5})-of-(\d{5})\.gguf$/i;

/** A local GGUF header, read a growing prefix at a time (never the tensor data). */
function readLocalHeader(path: string): GgufHeader {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new CliError(
      `cannot read --gguf ${quoted(path)}: ${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : (code ?? 'unreadable')}`,
    );
  }
  try {
    const size = fstatSync(fd).size;
    let want = Math.min(size, 2 * 1024 * 1024);
    for (;;) {
      const buffer = new Uint8Array(want);
      const read = readSync(fd, buffer, 0, want, 0);
      const r = parseGgufHeader(buffer.subarray(0, read), size);
      if (r.status === 'ok') return r.header;
      if (r.status === 'error') throw new CliError(`--gguf ${quoted(path)}: ${r.error}`);
      want = Math.min(size, r.needBytes);
    }
  } finally {
    closeSync(fd);
  }
}

function fromLocalGguf(path: string): MeasuredModel {
  const name = basename(path);
  const shards = SHARD.test(name)
    ? readdirSync(dirname(path))
        .filter((f) => SHARD.test(f) && f.replace(SHARD, '') === name.replace(SHARD, ''))
        .sort()
        .map((f) => join(dirname(path), f))
    : [path];
  return ggufFileModel(shards.map(readLocalHeader), name, path);
}

/** A model read from the headers of one GGUF file (its shards in order), local or remote. */
function ggufFileModel(headers: readonly GgufHeader[], name: string, given: string): MeasuredModel {
  const first = headers[0];
  if (!first) throw new CliError(`--gguf ${quoted(given)}: no header`);
  const model = ggufModel(first);
  if (!model.ok) throw new CliError(`--gguf ${quoted(given)}: ${model.error}`);
  const tensors = ggufInventory(headers, `GGUF header of ${name}`);
  return {
    id: `gguf:${name}`,
    name: model.value.name ?? name,
    arch: model.value.arch,
    contextLimit: model.value.contextLength,
    scaledContextLimit: model.value.contextLength,
    ropeScaling: undefined,
    source: `gguf:${name}`,
    linkToken: `gguf:${name}`,
    config: null,
    storedFormat: model.value.fileType,
    tensors,
    gguf: true,
    weightBytes: tensors.tensors.reduce((n, t) => n + t.bytes, 0),
    assumptions: model.value.assumptions,
  };
}

/** A GGUF file at a URL that is not on the Hub: its header by ranged GETs. */
async function fromRemoteGguf(url: string, env: Readonly<Record<string, string | undefined>>): Promise<MeasuredModel> {
  const client = new HubClient(hubOptions(env));
  const name = decodeURIComponent(new URL(url).pathname.split('/').pop() ?? url);
  try {
    let bytes = await client.bytes(url, null, [0, 2 * 1024 * 1024 - 1], false);
    for (let i = 0; i < 12; i++) {
      const r = parseGgufHeader(bytes);
      if (r.status === 'error') throw new CliError(`--gguf ${quoted(url)}: ${r.error}`);
      if (r.status === 'ok') {
        return ggufFileModel([r.header], name, url);
      }
      const more = await client.bytes(url, null, [bytes.length, r.needBytes - 1], false);
      if (more.length === 0) throw new CliError(`--gguf ${quoted(url)}: the file ends inside its header`);
      const joined = new Uint8Array(bytes.length + more.length);
      joined.set(bytes);
      joined.set(more, bytes.length);
      bytes = joined;
    }
    throw new CliError(`--gguf ${quoted(url)}: its header did not end after 12 reads`);
  } catch (e) {
    hubFailure(e);
  }
}

export async function loadMeasuredModel(
  flags: HubFlags,
  env: Readonly<Record<string, string | undefined>>,
): Promise<MeasuredModel> {
  if (flags.hf !== undefined && flags.gguf !== undefined) throw new CliError('give either --hf or --gguf, not both');
  if (flags.gguf !== undefined) {
    if (flags.revision !== undefined || flags.file !== undefined) {
      throw new CliError('--revision and --file go with --hf; --gguf names one file');
    }
    const raw = flags.gguf;
    if (/^https?:\/\//i.test(raw)) {
      const hub = parseHubReference(raw);
      if (hub.kind === 'hub' && hub.ref.file) return fromHub({ hf: raw }, env);
      return fromRemoteGguf(raw, env);
    }
    return fromLocalGguf(raw);
  }
  return fromHub(flags, env);
}
