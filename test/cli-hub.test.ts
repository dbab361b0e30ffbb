import { mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { headroomAsync } from './cli-harness';
import { fixtureRepos } from './hub/fixture-models';
import { startMockHub, VALID_TOKEN, type MockHub } from './hub/mock-hub';
import { parseShareLink } from '../src/url/share-link';
import { weightFormatById } from '../src/core/formats/weight-formats';
import { isCatalogGpu, isCatalogModel } from '../src/view-models/scenario';

let hub: MockHub;
let dir: string;
beforeAll(async () => {
  hub = await startMockHub();
  dir = mkdtempSync(join(tmpdir(), 'headroom-gguf-'));
});
afterAll(async () => {
  await hub.close();
  rmSync(dir, { recursive: true, force: true });
});

const fixture = (id: string) => {
  const r = fixtureRepos().find((x) => x.id === id);
  if (!r) throw new Error(id);
  return r;
};

async function json(env: Record<string, string>, ...args: string[]) {
  const r = await headroomAsync(env, ...args, '--json');
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout) as {
    model: { source: string; weights: string };
    memory: { weightsBytes: number; kvCacheBytes: number; recurrentStateBytes: number };
    format: { id: string };
    runtime: string;
    link: string | null;
  };
}

describe('headroom with --hf and --gguf (mock Hub via HF_ENDPOINT)', () => {
  it('--hf Qwen/Qwen3-32B: exact weights, model.source at the commit, a link with hf=', async () => {
    const env = { HF_ENDPOINT: hub.url };
    const out = await json(env, 'estimate', '--hf', 'Qwen/Qwen3-32B', '--gpu', 'h100-80gb-sxm');
    const repo = fixture('Qwen/Qwen3-32B');
    expect(out.model.source).toBe(`hf:Qwen/Qwen3-32B@${repo.sha}`);
    expect(out.model.weights).toBe('measured');
    expect(out.memory.weightsBytes).toBe(repo.weightBytes);
    // 64 layers × 2 × 8 KV heads × 128 × 8,192 cells × 2 bytes.
    expect(out.memory.kvCacheBytes).toBe(64 * 2 * 8 * 128 * 8192 * 2);
    expect(out.link).toContain(`hf=Qwen/Qwen3-32B@${repo.sha}`);
    const parsed = parseShareLink(new URL(out.link ?? '').search, {
      isModel: isCatalogModel,
      isGpu: isCatalogGpu,
      isFormat: (id) => weightFormatById(id) !== null,
      configProblem: () => null,
    });
    expect(parsed.state.models).toEqual([`hf:Qwen/Qwen3-32B@${repo.sha}`]);
    expect(parsed.notices).toEqual([]);
  });

  it('--precision on a safetensors repo estimates that format from its architecture instead', async () => {
    const out = await json(
      { HF_ENDPOINT: hub.url },
      'estimate',
      '--hf',
      'Qwen/Qwen3-32B',
      '--precision',
      'Q4_K_M',
      '--gpu',
      '4090',
    );
    expect(out.model.weights).toBe('derived');
    expect(out.format.id).toBe('Q4_K_M');
  });

  it('--hf <repo> --file and <repo>:Q8_0 pick a GGUF quant; --precision is refused with it', async () => {
    const env = { HF_ENDPOINT: hub.url };
    const byFile = await json(
      env,
      'estimate',
      '--hf',
      'unsloth/Qwen3-30B-A3B-GGUF',
      '--file',
      'Qwen3-30B-A3B-Q4_K_M.gguf',
      '--gpu',
      '4090',
    );
    expect(byFile.memory.weightsBytes).toBe(fixture('unsloth/Qwen3-30B-A3B-GGUF').weightBytes);
    expect(byFile.format.id).toBe('Q4_K_M');
    const byQuant = await json(env, 'estimate', '--hf', 'unsloth/Qwen3-30B-A3B-GGUF:Q8_0', '--gpu', '4090');
    expect(byQuant.format.id).toBe('Q8_0');
    expect(byQuant.model.source).toMatch(/:Qwen3-30B-A3B-Q8_0\.gguf$/);
    const refused = await headroomAsync(
      env,
      'estimate',
      '--hf',
      'unsloth/Qwen3-30B-A3B-GGUF:Q8_0',
      '--precision',
      'Q4_K_M',
      '--gpu',
      '4090',
    );
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/the GGUF file fixes the weights/);
  });

  it('a gated repo needs HF_TOKEN; with it the estimate runs', async () => {
    const denied = await headroomAsync(
      { HF_ENDPOINT: hub.url },
      'estimate',
      '--hf',
      'meta-llama/Llama-3.1-8B-Instruct',
      '--gpu',
      '4090',
    );
    expect(denied.code).toBe(2);
    expect(denied.stderr).toMatch(/is gated.*set HF_TOKEN/);
    const ok = await json(
      { HF_ENDPOINT: hub.url, HF_TOKEN: VALID_TOKEN },
      'estimate',
      '--hf',
      'meta-llama/Llama-3.1-8B-Instruct',
      '--gpu',
      '4090',
    );
    expect(ok.memory.weightsBytes).toBe(8_030_261_248 * 2);
  });

  it('an AWQ checkpoint without --runtime is estimated as stored, in vLLM', async () => {
    const out = await json(
      { HF_ENDPOINT: hub.url },
      'estimate',
      '--hf',
      'Qwen/Qwen3-32B-AWQ',
      '--gpu',
      'h100-80gb-sxm',
    );
    expect(out).toMatchObject({ runtime: 'vllm', format: { id: 'awq-4bit-g128' } });
    expect(out.memory.weightsBytes).toBe(fixture('Qwen/Qwen3-32B-AWQ').weightBytes);
  });

  it('--gguf reads a local file header from disk; the JSON names the file', async () => {
    const repo = fixture('unsloth/Qwen3-30B-A3B-GGUF');
    const file = repo.files.find((f) => f.path === 'Qwen3-30B-A3B-Q4_K_M.gguf');
    if (!file) throw new Error('fixture');
    const path = join(dir, 'Qwen3-30B-A3B-Q4_K_M.gguf');
    // The header and a little of the data: the reader must not need the rest.
    writeFileSync(path, file.head);
    const truncated = await headroomAsync({}, 'estimate', '--gguf', path, '--gpu', '4090');
    expect(truncated.code).toBe(2);
    expect(truncated.stderr).toMatch(/runs past the end of the file/);
    // At its full size (a sparse file: the data are zeros and never read).
    truncateSync(path, file.size);
    const out = await json({}, 'estimate', '--gguf', path, '--gpu', '4090');
    expect(out.model.source).toBe('gguf:Qwen3-30B-A3B-Q4_K_M.gguf');
    expect(out.memory.weightsBytes).toBe(repo.weightBytes);
    expect(out.link).toBeNull();
  });

  it('can-run and plan accept --hf', async () => {
    const env = { HF_ENDPOINT: hub.url };
    const can = await headroomAsync(
      env,
      'can-run',
      '--hf',
      'nvidia/NVIDIA-Nemotron-Nano-9B-v2',
      '--gpu',
      '4090',
      '--json',
    );
    expect(can.code).toBe(0);
    const rows = (JSON.parse(can.stdout) as { models: { modelId: string }[] }).models;
    expect(rows.some((r) => r.modelId.startsWith('hf:nvidia/NVIDIA-Nemotron-Nano-9B-v2@'))).toBe(true);
    const plan = await headroomAsync(env, 'plan', '--hf', 'Qwen/Qwen3-32B', '--min-tps', '5', '--json');
    expect(plan.code).toBe(0);
    expect((JSON.parse(plan.stdout) as { request: { models: string[] } }).request.models[0]).toMatch(
      /^hf:Qwen\/Qwen3-32B@/,
    );
  });

  it('typos and odd values are named, never a stack trace', async () => {
    const env = { HF_ENDPOINT: hub.url };
    const cases: [string[], RegExp][] = [
      [['--hf', 'not a repo'], /is not a Hub repo/],
      [['--hf', 'https://example.com/x/y'], /example.com is not the Hugging Face Hub/],
      [['--hf', 'Qwen/Qwen3-32B', '--model', 'llama-3-8b'], /give the model once/],
      [['--hf', 'nobody/nothing'], /no public model nobody\/nothing/],
      [['--hf', 'busy/model'], /try again in 42 seconds/],
      [['--gguf', join(dir, 'missing.gguf')], /no such file/],
      [['--hf', 'Qwen/Qwen3-32B', '--gguf', 'x.gguf'], /either --hf or --gguf/],
    ];
    for (const [args, message] of cases) {
      const r = await headroomAsync(env, 'estimate', ...args, '--gpu', '4090');
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(r.stderr.split('\n').filter(Boolean)).toHaveLength(1);
    }
  });

  it('prints the exact source in words', async () => {
    const r = await headroomAsync({ HF_ENDPOINT: hub.url }, 'estimate', '--hf', 'openai/gpt-oss-20b', '--gpu', '4090');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Weights from\s+.*tensors in the safetensors headers of openai\/gpt-oss-20b \(exact\)/);
  });
});
