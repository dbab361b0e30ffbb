import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { estimate } from '../core/estimate';
import { weightFormatById } from '../core/formats/weight-formats';
import { measuredParameters } from '../core/measured-weights';
import { EXPECTED_PARAMS, fixtureRepos } from '../../test/hub/fixture-models';
import { startMockHub, VALID_TOKEN, type MockHub } from '../../test/hub/mock-hub';
import { parseHubReference, type HubReference } from '../importers/hub-reference';
import { HubError, waitInWords } from './hub-client';
import { inspectRepo, loadHubModel } from './hub-model';
import { memoryCache } from './memory-cache';

let hub: MockHub;
beforeAll(async () => {
  hub = await startMockHub();
});
afterAll(async () => {
  await hub.close();
});

const ref = (text: string): HubReference => {
  const r = parseHubReference(text);
  if (r.kind !== 'hub') throw new Error(`not a hub reference: ${text}`);
  return r.ref;
};
const repoFixture = (id: string) => {
  const r = fixtureRepos().find((x) => x.id === id);
  if (!r) throw new Error(`no fixture ${id}`);
  return r;
};
async function failure(p: Promise<unknown>): Promise<HubError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof HubError) return e;
    throw e;
  }
  throw new Error('expected a failure');
}

describe('the Hub client against the mock Hub', () => {
  it('Qwen3-32B: 17 safetensors headers by single ranged GETs, exact bytes, the commit resolved', async () => {
    const before = hub.requests.length;
    const progress: string[] = [];
    const m = await loadHubModel(ref('Qwen/Qwen3-32B'), { endpoint: hub.url }, (t) => progress.push(t));
    const fixture = repoFixture('Qwen/Qwen3-32B');
    expect(m.weightBytes).toBe(fixture.weightBytes);
    expect(measuredParameters(m.arch, m.tensors).total).toBe(EXPECTED_PARAMS['Qwen/Qwen3-32B']);
    expect(m.source).toBe(`hf:Qwen/Qwen3-32B@${fixture.sha}`);
    expect(m.storedFormat).toBe('bf16');
    expect(progress).toContain('read 17 of 17 safetensors headers');
    const sent = hub.requests.slice(before);
    expect(sent.every((r) => r.method === 'GET')).toBe(true);
    expect(sent.filter((r) => r.range !== null).every((r) => /^bytes=\d+-\d+$/.test(r.range ?? ''))).toBe(true);
    // The tree listing came in pages (Link: rel="next").
    expect(sent.filter((r) => r.path.includes('/tree/')).length).toBeGreaterThan(1);
    // Files are read at the commit, not at "main".
    expect(sent.filter((r) => r.path.includes('/resolve/')).every((r) => r.path.includes(fixture.sha))).toBe(true);
  });

  it('a GGUF repo lists each quant once with its exact size, shards as one, the projector apart', async () => {
    const summary = await inspectRepo(ref('https://huggingface.co/unsloth/Qwen3-30B-A3B-GGUF'), { endpoint: hub.url });
    const fixture = repoFixture('unsloth/Qwen3-30B-A3B-GGUF');
    const size = (p: string) => fixture.files.find((f) => f.path === p)?.size ?? 0;
    expect(summary.gguf.models.map((m) => [m.label, m.shards, m.bytes])).toEqual([
      ['Q4_K_M', 1, size('Qwen3-30B-A3B-Q4_K_M.gguf')],
      ['Q8_0', 1, size('Qwen3-30B-A3B-Q8_0.gguf')],
      [
        'BF16',
        2,
        size('BF16/Qwen3-30B-A3B-BF16-00001-of-00002.gguf') + size('BF16/Qwen3-30B-A3B-BF16-00002-of-00002.gguf'),
      ],
    ]);
    expect(summary.gguf.projectors.map((p) => p.path)).toEqual(['mmproj-F16.gguf']);
  });

  it('<repo>:Q4_K_M opens that file; its weights are the Σ of its tensors', async () => {
    const m = await loadHubModel(ref('unsloth/Qwen3-30B-A3B-GGUF:q4_k_m'), { endpoint: hub.url });
    expect(m.file).toBe('Qwen3-30B-A3B-Q4_K_M.gguf');
    expect(m.weightBytes).toBe(repoFixture('unsloth/Qwen3-30B-A3B-GGUF').weightBytes);
    expect(m.storedFormat).toBe('Q4_K_M');
    expect(m.arch.moe?.experts).toBe(128);
  });

  it('a split GGUF is read shard by shard and counted once', async () => {
    const m = await loadHubModel(
      ref('https://huggingface.co/unsloth/Qwen3-30B-A3B-GGUF/blob/main/BF16/Qwen3-30B-A3B-BF16-00001-of-00002.gguf'),
      { endpoint: hub.url },
    );
    // BF16: 2 bytes per weight, F32 norms and router vectors.
    expect(m.tensors.tensors.filter((t) => t.storedType === 'BF16').every((t) => t.bytes === 2 * t.elements)).toBe(
      true,
    );
    expect(m.tensors.source).toBe('GGUF headers of BF16/Qwen3-30B-A3B-BF16-00001-of-00002.gguf');
  });

  it('a gated repo says so; a read token opens it; the ungated mirror works without one', async () => {
    const gated = await failure(loadHubModel(ref('meta-llama/Llama-3.1-8B-Instruct'), { endpoint: hub.url }));
    expect(gated.kind).toBe('gated');
    expect(gated.message).toMatch(/meta-llama\/Llama-3.1-8B-Instruct is gated/);
    const withToken = await loadHubModel(ref('meta-llama/Llama-3.1-8B-Instruct'), {
      endpoint: hub.url,
      token: VALID_TOKEN,
    });
    const mirror = await loadHubModel(ref('unsloth/Llama-3.1-8B-Instruct'), { endpoint: hub.url });
    expect(withToken.weightBytes).toBe(mirror.weightBytes);
    expect(measuredParameters(mirror.arch, mirror.tensors).total).toBe(8_030_261_248);
    const summary = await inspectRepo(ref('meta-llama/Llama-3.1-8B-Instruct'), { endpoint: hub.url });
    expect(summary).toMatchObject({ gated: true, baseModels: ['meta-llama/Llama-3.1-8B'] });
  });

  it('gpt-oss-20b (MXFP4) and a Nemotron-H hybrid give exact bytes; the hybrid keeps KV in 4 layers', async () => {
    const oss = await loadHubModel(ref('openai/gpt-oss-20b'), { endpoint: hub.url });
    expect(oss.weightBytes).toBe(repoFixture('openai/gpt-oss-20b').weightBytes);
    expect(oss.storedFormat).toBe('mxfp4');
    const nemo = await loadHubModel(ref('nvidia/NVIDIA-Nemotron-Nano-9B-v2'), { endpoint: hub.url });
    const format = weightFormatById('bf16');
    if (!format) throw new Error('no bf16');
    const e = estimate({
      arch: nemo.arch,
      format,
      tensors: nemo.tensors,
      contextTokens: 8192,
      sequences: 1,
      kvCacheType: 'f16',
      runtime: 'llama.cpp',
      devices: [
        {
          name: 'gpu',
          vendor: 'nvidia',
          memoryBytes: 80 * 1024 ** 3,
          bandwidthBytesPerSecond: 3e12,
          fp16FlopsPerSecond: 9e14,
          unifiedMemory: false,
        },
      ],
    });
    if (!e.ok) throw new Error(e.error);
    expect(e.value.memory.weightsBytes).toBe(repoFixture('nvidia/NVIDIA-Nemotron-Nano-9B-v2').weightBytes);
    // 4 attention layers × 2 × 8 × 128 × 8,192 × 2 bytes.
    expect(e.value.memory.kvCacheBytes).toBe(4 * 2 * 8 * 128 * 8192 * 2);
    expect(e.value.weights.basis).toBe('measured');
  });

  it('429 gives the retry time in words; a silent server times out; an unreachable one is offline', async () => {
    const busy = await failure(loadHubModel(ref('busy/model'), { endpoint: hub.url }));
    expect(busy).toMatchObject({ kind: 'rate-limited' });
    expect(busy.message).toMatch(/try again in 42 seconds/);
    const slow = await failure(loadHubModel(ref('slow/model'), { endpoint: hub.url, timeoutMs: 150 }));
    expect(slow).toMatchObject({ kind: 'timeout' });
    const offline = await failure(
      loadHubModel(ref('Qwen/Qwen3-32B'), { endpoint: 'http://127.0.0.1:9', timeoutMs: 2000 }),
    );
    expect(offline.kind).toBe('offline');
    expect(offline.message).toMatch(/Could not reach 127.0.0.1:9/);
  });

  it('a cancelled load stops with kind "cancelled"', async () => {
    const controller = new AbortController();
    const p = loadHubModel(ref('slow/model'), { endpoint: hub.url, signal: controller.signal, timeoutMs: 5000 });
    controller.abort();
    expect((await failure(p)).kind).toBe('cancelled');
  });

  it('unknown repos, revisions and quants are named', async () => {
    expect((await failure(loadHubModel(ref('nobody/nothing'), { endpoint: hub.url }))).message).toMatch(
      /no public model nobody\/nothing/,
    );
    expect((await failure(loadHubModel(ref('Qwen/Qwen3-32B@v9'), { endpoint: hub.url }))).message).toMatch(
      /no such branch, tag or commit/,
    );
    expect(
      (await failure(loadHubModel(ref('unsloth/Qwen3-30B-A3B-GGUF:Q2_K'), { endpoint: hub.url }))).message,
    ).toMatch(/no GGUF file matching :Q2_K; it has Q4_K_M, Q8_0, BF16/);
  });

  it('a header cache: loading the same commit again reads nothing from the Hub but the model info', async () => {
    const cache = memoryCache();
    await loadHubModel(ref('openai/gpt-oss-20b'), { endpoint: hub.url, cache });
    const before = hub.requests.length;
    await loadHubModel(ref('openai/gpt-oss-20b'), { endpoint: hub.url, cache });
    const again = hub.requests.slice(before);
    expect(again.map((r) => r.path.split('?')[0])).toEqual(['/api/models/openai/gpt-oss-20b/revision/main']);
  });

  it('waits in words', () => {
    expect(waitInWords('1')).toBe('1 second');
    expect(waitInWords('300')).toBe('5 minutes');
    expect(waitInWords(null)).toBe('a minute or so');
    expect(waitInWords(new Date(Date.UTC(2026, 0, 1, 1)).toUTCString(), Date.UTC(2026, 0, 1))).toBe('1 hour');
  });
});
