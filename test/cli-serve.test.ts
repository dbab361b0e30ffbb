import { describe, expect, it } from 'vitest';
import { headroom } from './cli-harness';
import { weightFormatById } from '../src/core/formats/weight-formats';
import { parseShareLink } from '../src/url/share-link';
import { isCatalogGpu, isCatalogModel } from '../src/view-models/scenario';

type Json = Record<string, Record<string, unknown>>;

function json(...args: string[]): Json {
  const r = headroom(...args, '--json');
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout) as Json;
}

describe('headroom serve', () => {
  it('answers how many users Llama 3.1 8B serves on one L40S, as vLLM sizes its pool', () => {
    const r = headroom('serve', '--model', 'llama-3-1-8b', '--gpu', 'l40s', '--users', '64', '--context', '8k');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Llama 3.1 8B · BF16 · f16 KV · vLLM · 8K per request (7,680 prompt + 512 output)');
    expect(r.stdout).toMatch(
      /KV pool\s+\d+\.\d GiB, [\d,]+ tokens \(gpu_memory_utilization 0\.9, max_num_batched_tokens 2,048\)/,
    );
    expect(r.stdout).toMatch(
      /Concurrency\s+\d+ requests of 8K at once \(maximum concurrency for 8,192 tokens per request: \d+\.\d\dx\)/,
    );
    expect(r.stdout).toMatch(/Load\s+64 users: \d+ served at once, \d+ wait for a free slot/);
    expect(r.stdout).toMatch(/Open in the app: http:\/\/localhost:5173\/\?v=\d+&view=serve&.*task=serve&sv-u=64/);
  });

  it('prints the serving fields the issue names under --json', () => {
    const out = json('serve', '--model', 'llama-3-1-8b', '--gpu', 'l40s', '--max-users', '--min-tps', '20');
    const s = out.serving ?? {};
    for (const key of [
      'kvPoolBytes',
      'kvPoolTokens',
      'maxConcurrentSequences',
      'perUserDecodeTokensPerSecond',
      'totalDecodeTokensPerSecond',
      'timeToFirstTokenSeconds',
    ]) {
      expect(typeof s[key], key).toBe('number');
    }
    // --max-users: as many users as each get 20 tok/s, never more than the pool holds.
    expect(Number(s['maxUsersAtFloor'])).toBeLessThanOrEqual(Number(s['maxConcurrentSequences']));
    expect(out['users']).toBe(s['maxUsersAtFloor']);
    expect(Number(s['perUserDecodeTokensPerSecond'])).toBeGreaterThanOrEqual(20);
    expect(Array.isArray(s['curve'])).toBe(true);
  });

  it('lays out DeepSeek-V3 on two machines of 8 × H100, TP 8 and PP 2', () => {
    const out = json(
      ...['serve', '--model', 'deepseek-v3', '--precision', 'fp8', '--gpu', 'h100-80gb-sxm', '--gpus', '8'],
      ...['--nodes', '2', '--tp', '8', '--pp', '2', '--users', '64'],
    );
    expect(out.layout).toMatchObject({
      tensorParallel: 8,
      pipelineParallel: 2,
      dataParallel: 1,
      gpus: 16,
      pipelineHopsAcrossNodes: 1,
      network: 'infiniband-ndr',
    });
    expect(Number(out.serving?.['communicationShare'])).toBeGreaterThan(0);
    // The link opens the same layout in the Serving view.
    const link = out['link'] as unknown as string;
    const state = parseShareLink(new URL(link).search, {
      isModel: isCatalogModel,
      isGpu: isCatalogGpu,
      isFormat: (id) => weightFormatById(id) !== null,
      configProblem: () => null,
    });
    expect(state.notices).toEqual([]);
    expect(state.state.task).toBe('serve');
    expect(state.state.view).toBe('serve');
    expect(state.state.serving).toMatchObject({ nodes: 2, tensor: 8, pipeline: 2, users: 64 });
  });

  it('says when vLLM would refuse to start and the longest request it holds', () => {
    const r = headroom(
      'serve',
      '--model',
      'llama-3-1-70b',
      '--gpu',
      'h100-80gb-sxm',
      '--gpus',
      '2',
      '--context',
      '128k',
    );
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(
      /Start-up\s+vLLM refuses to start: one request of 131,072 tokens needs 20\.0 GiB of KV cache per GPU and only \d\.\d GiB is left for it; the longest request it holds is [\d,]+ tokens/,
    );
  });

  it('estimate --runtime vllm reports the same pool fields', () => {
    const out = json('estimate', '--model', 'llama-3-1-8b', '--gpu', 'l40s', '--runtime', 'vllm', '--batch', '64');
    const serve = json('serve', '--model', 'llama-3-1-8b', '--gpu', 'l40s', '--users', '64', '--output', '4096');
    expect(out.serving).toMatchObject({
      kvPoolBytes: serve.serving?.['kvPoolBytes'],
      kvPoolTokens: serve.serving?.['kvPoolTokens'],
      maxConcurrentSequences: serve.serving?.['maxConcurrentSequences'],
    });
    const text = headroom('estimate', '--model', 'llama-3-1-8b', '--gpu', 'l40s', '--runtime', 'vllm', '--batch', '64');
    expect(text.stdout).toMatch(/vLLM still starts, runs \d+ of the 64 at once and queues the rest/);
    // llama.cpp has no start-up pool: no serving fields.
    expect(json('estimate', '--model', 'llama-3-1-8b', '--gpu', 'l40s').serving).toBeUndefined();
  });

  it.each([
    [['serve', '--model', 'llama-3-1-8b'], /choose the GPU of each machine with --gpu/],
    [
      ['serve', '--model', 'llama-3-1-8b', '--gpu', 'l40s', '--users', '0'],
      /--users must be a whole number of concurrent users between 1 and 100,000/,
    ],
    [
      ['serve', '--model', 'llama-3-1-8b', '--gpu', 'l40s', '--users', '8', '--max-users'],
      /give either --users or --max-users, not both/,
    ],
    [
      ['serve', '--model', 'llama-3-1-8b', '--gpu', 'l40s', '--network', 'carrier-pigeon'],
      /unknown --network 'carrier-pigeon'; choose one of infiniband-ndr, ethernet-400g/,
    ],
    [
      ['serve', '--model', 'llama-3-1-8b', '--gpu', 'l40s', '--gpus', '6', '--tp', '3'],
      /TP 3 does not divide the model's 32 attention heads/,
    ],
    [
      ['serve', '--model', 'llama-3-1-8b', '--gpu', 'l40s', '--gpus', '8', '--tp', '8', '--pp', '3'],
      /TP × PP \(8 × 3 = 24\) must divide the 8 GPUs/,
    ],
    [['serve', '--model', 'llama-3-1-8b', '--gpu', 'l40s', '--ep', '2'], /EP 2 needs a mixture-of-experts model/],
    [
      ['serve', '--model', 'llama-3-1-8b', '--gpu', 'l40s', '--gpu-memory-utilization', '1.5'],
      /--gpu-memory-utilization must be a number of the GPU memory from 0.05 to 1; got '1.5'/,
    ],
    [
      ['serve', '--model', 'llama-3-1-8b', '--gpu', 'l40s', '--gpu-memory-utilization', 'lots'],
      /--gpu-memory-utilization must be a number of the GPU memory from 0.05 to 1; got 'lots'/,
    ],
    [
      ['serve', '--model', 'llama-3-1-8b', '--gpu', 'l40s', '--context', '1k', '--output', '2k'],
      /--output must be a whole number of tokens per answer between 1 and 1,023/,
    ],
    [
      [
        'serve',
        '--model',
        'llama-3-1-8b',
        '--gpu',
        'l40s',
        '--runtime',
        'llama.cpp',
        '--precision',
        'Q4_K_M',
        '--nodes',
        '2',
      ],
      /llama.cpp serves from the GPUs of one machine with its own split; nodes, TP, PP and EP lay out vLLM, SGLang or TensorRT-LLM servers/,
    ],
    [
      ['serve', '--model', 'llama-3-1-70b', '--gpu', '5090', '--gpu', '3090'],
      /a vLLM server needs identical GPUs; got RTX 5090 and RTX 3090/,
    ],
    [
      ['serve', '--model', 'llama-3-1-8b', '--gpu', 'l40s', '--runtime', 'sglang', '--kv-cache', 'q8_0'],
      /SGLang has no q8_0 KV cache/,
    ],
  ])('rejects bad input with one line and exit code 2: %j', (args, message) => {
    const r = headroom(...args);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(message);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('plan --users with vLLM picks the cheapest hardware whose pool holds every user at the floor', () => {
    const r = headroom(
      ...['plan', '--model', 'llama-3-1-8b', '--runtime', 'vllm', '--users', '50', '--min-tps', '20'],
      ...['--context', '8k', '--json'],
    );
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as {
      options: { servedUsers: number; decodeTokensPerSecond: number; nodes: number }[];
    };
    const best = out.options[0];
    expect(best?.servedUsers).toBeGreaterThanOrEqual(50);
    expect(best?.decodeTokensPerSecond).toBeGreaterThanOrEqual(20);
    expect(best?.nodes).toBe(1);
    const text = headroom(
      'plan',
      '--model',
      'deepseek-v3',
      '--runtime',
      'vllm',
      '--users',
      '50',
      '--hardware',
      'datacenter',
      '--prices',
      'launch',
    );
    expect(text.stdout).toContain('No datacenter hardware in the catalogue has a public launch price');
    expect(text.stdout).toMatch(/No public launch price for \d+ configurations tried/);
  });

  it('has its own --help', () => {
    const r = headroom('serve', '--help');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('headroom serve');
    expect(r.stdout).toContain('--gpu-memory-utilization');
  });
});
