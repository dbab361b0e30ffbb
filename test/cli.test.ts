import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { headroom } from './cli-harness';
import { weightFormatById } from '../src/core/formats/weight-formats';
import { parseShareLink } from '../src/url/share-link';
import { isCatalogCpu, isCatalogGpu, isCatalogModel } from '../src/view-models/scenario';

const CONFIG = join(import.meta.dirname, 'fixtures', 'configs', 'llama-3-8b.json');

function json(...args: string[]): Record<string, Record<string, unknown>> {
  const r = headroom(...args, '--json');
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout) as Record<string, Record<string, unknown>>;
}

describe('headroom CLI', () => {
  it('prints a readable estimate', () => {
    const r = headroom('estimate', '--model', 'llama-3-1-70b', '--precision', 'Q4_K_M', '--gpu', '4090', '--gpus', '2');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Llama 3.1 70B · Q4_K_M');
    expect(r.stdout).toContain('on 2 × RTX 4090 24 GB');
    expect(r.stdout).toMatch(/Verdict\s+(fits|tight)/);
    expect(r.stdout).toMatch(/Decode\s+~\d+(\.\d)? tok\/s/);
  });

  it('prints raw numbers with --json under stable field names', () => {
    const out = json(
      'estimate',
      '--model',
      'llama-3-8b',
      '--precision',
      'f16',
      '--context',
      '8192',
      '--gpu',
      'rtx-4090',
    );
    expect(out.params).toMatchObject({ total: 8030261248 });
    expect(out.memory).toMatchObject({ kvCacheBytes: 1024 * 1024 ** 2, weightsBytes: 8030261248 * 2 });
    for (const key of ['weightsBytes', 'kvCacheBytes', 'activationBytes', 'overheadBytes', 'totalBytes']) {
      expect(typeof out.memory?.[key]).toBe('number');
    }
    expect(['fits', 'tight', 'offload', 'no']).toContain(out.fit?.verdict);
    expect(typeof out.fit?.usableBytes).toBe('number');
    for (const key of ['decodeTokensPerSecond', 'decodeUpperBoundTokensPerSecond', 'prefillTokensPerSecond']) {
      expect(typeof out.speed?.[key]).toBe('number');
    }
  });

  it('accepts a config.json, a bare parameter count, custom hardware and mixed pools', () => {
    const fromConfig = json('estimate', '--config', CONFIG, '--precision', 'Q8_0', '--gpu', '4090');
    expect(fromConfig.params).toMatchObject({ total: 8030261248 });
    const bare = json('estimate', '--params', '7b', '--bpw', '4.5', '--vram', '16', '--bandwidth', '288');
    expect(Math.abs(Number(bare.params?.total) / 7e9 - 1)).toBeLessThan(0.01);
    expect(bare.speed?.prefillTokensPerSecond).toBeNull();
    const mixed = json('estimate', '--model', 'llama-3-1-70b', '--gpu', '5090', '--gpu', '3090');
    expect(mixed.gpus).toHaveLength(2);
  });

  it('compares decode speed with a baseline GPU', () => {
    const out = json('estimate', '--model', 'llama-3-1-8b', '--gpu', '5090', '--baseline-gpu', '3090');
    const relative = Number(out.speed?.relativeToBaseline);
    // Both decode from VRAM, so the ratio follows bandwidth: 1,792 vs 936 GB/s.
    expect(relative).toBeGreaterThan(1.3);
    expect(relative).toBeLessThan(1792 / 936);
    expect(out.baseline).toMatchObject({ gpu: 'RTX 3090 24 GB' });
  });

  it('ends with a link that opens the same configuration in the web app', () => {
    const out = json(
      'estimate',
      '--model',
      'llama-3-1-70b',
      '--precision',
      'Q8_0',
      '--context',
      '32k',
      '--gpu',
      '4090',
      '--gpus',
      '2',
      '--link-base',
      'https://example.org/headroom/',
    );
    const link = new URL(out.link as unknown as string);
    expect(link.origin + link.pathname).toBe('https://example.org/headroom/');
    const { state, notices } = parseShareLink(link.search, {
      isModel: isCatalogModel,
      isGpu: isCatalogGpu,
      isCpu: isCatalogCpu,
      isFormat: (id) => weightFormatById(id) !== null,
      configProblem: () => null,
    });
    expect(notices).toEqual([]);
    expect(state).toMatchObject({
      view: 'details',
      models: ['llama-3-1-70b'],
      formats: ['Q8_0'],
      context: 32768,
      selected: { model: 'llama-3-1-70b', pool: 'rtx-4090*2' },
    });
    expect(headroom('estimate', '--model', 'llama-3-8b', '--vram', '24', '--bandwidth', '900').stdout).toContain(
      'No app link: custom GPUs',
    );
  });

  it("reads offloaded layers at the catalogue CPU's memory bandwidth", () => {
    const desktop = json('estimate', '--model', 'llama-3-1-70b', '--gpu', '4090');
    const server = json('estimate', '--model', 'llama-3-1-70b', '--gpu', '4090', '--cpu', 'epyc-9654');
    expect(desktop.fit?.verdict).toBe('offload');
    // 12-channel DDR5-4800 (460.8 GB/s) against dual-channel DDR5-5600 (89.6 GB/s).
    expect(Number(server.speed?.decodeTokensPerSecond)).toBeGreaterThan(
      2.5 * Number(desktop.speed?.decodeTokensPerSecond),
    );
  });

  it('plans purchases and lists what owned GPUs can run', () => {
    const plan = JSON.parse(
      headroom('plan', '--model', 'llama-3-1-70b', '--min-tps', '15', '--context', '8192', '--budget', '5000', '--json')
        .stdout,
    ) as {
      options: { priceUsd: number; decodeTokensPerSecond: number; format: string }[];
    };
    expect(plan.options.length).toBeGreaterThan(0);
    for (const o of plan.options) {
      expect(o.priceUsd).toBeLessThanOrEqual(5000);
      expect(o.decodeTokensPerSecond).toBeGreaterThanOrEqual(15);
    }
    const table = headroom('plan', '--model', 'llama-3-1-70b', '--min-tps', '15', '--budget', '5000');
    expect(table.stdout).toContain('Cheaper options rejected:');
    const canRun = JSON.parse(headroom('can-run', '--gpu', '3090', '--gpus', '2', '--json').stdout) as {
      models: { modelId: string; format: string }[];
      cannotRun: string[];
    };
    expect(canRun.models.find((m) => m.modelId === 'llama-3-1-70b')?.format).toBe('Q4_K_M');
    expect(canRun.cannotRun).toContain('Llama 3.1 405B');
    expect(headroom('plan', '--model', 'llama-3-1-70b', '--hardware', 'cloud').stdout).toMatch(
      /Rent \(cheapest on-demand price per GPU-hour/,
    );
    expect(headroom('can-run', '--gpu', '3090', '--sort', 'price').stderr).toMatch(
      /--sort must be size, speed or context/,
    );
  });

  it('lists the catalogue as tables and JSON arrays', () => {
    expect(headroom('gpus').stdout).toContain('RTX 4090 24 GB');
    expect(headroom('models').stdout).toContain('Mixtral 8x7B');
    const gpus: unknown = JSON.parse(headroom('gpus', '--json').stdout);
    expect(Array.isArray(gpus) && gpus.length).toBeGreaterThanOrEqual(20);
    const models: unknown = JSON.parse(headroom('models', '--json').stdout);
    expect(Array.isArray(models) && models.length).toBeGreaterThanOrEqual(15);
  });

  it.each([
    [
      ['estimate', '--model', 'llama-3-1-8c', '--gpu', '4090'],
      /unknown model 'llama-3-1-8c'.*Did you mean 'llama-3-1-8b'/,
    ],
    [['estimate', '--model', 'llama-3-8b', '--gpu', 'a100'], /--gpu 'a100' matches 'a100-40gb-pcie'.*'a100-80gb-sxm'/],
    [
      ['estimate', '--model', 'llama-3-8b', '--gpu', '4090', '--context', '-5'],
      /--context must be a whole number of tokens between 1 and 8,192.*got '-5'/,
    ],
    [['estimate', '--model', 'llama-3-8b', '--gpu', '4090', '--batch', 'abc'], /--batch must be a whole number/],
    [
      ['estimate', '--model', 'llama-3-8b', '--vram', '-24', '--bandwidth', '900'],
      /--vram must be a number of GB from 0.25 to 65,536; got '-24'/,
    ],
    [
      ['estimate', '--config', 'nope/config.json', '--gpu', '4090'],
      /cannot read --config 'nope\/config.json': no such file/,
    ],
    [
      ['estimate', '--config', join(import.meta.dirname, 'fixtures', 'configs', 'truncated.json'), '--gpu', '4090'],
      /config.json is not valid JSON/,
    ],
    [['estimate', '--model', 'llama-3-8b', '--gpu', '4090', '--precision', 'q9'], /unknown --precision 'q9'/],
    [['estimate', '--model', 'llama-3-8b', '--gpu', '4090', '--kv-cache', 'fp8'], /llama.cpp has no fp8 KV cache/],
    [['estimate', '--model', 'llama-3-8b', '--gpu', '4090', '--frobnicate'], /Unknown option '--frobnicate'/],
    [['estimate', '--gpu', '4090'], /exactly one of --model/],
    [['launch'], /unknown command 'launch'/],
    [['__proto__'], /unknown command '__proto__'/],
    [['toString'], /unknown command 'toString'/],
    [['can-run', '--gpu', '4090', '--sort', '__proto__'], /--sort must be size, speed or context; got '__proto__'/],
    [['can-run', '--gpu', '4090', '--sort', 'valueOf'], /--sort must be size, speed or context/],
    [
      ['estimate', '--model', 'llama-3-8b', '--gpu', '4090', '--context', '8k', '--context', '4k'],
      /--context is given twice; give it once/,
    ],
    [['estimate', '--model', 'llama-3-8b', '--gpu', '4090ti'], /unknown GPU '4090ti'. Did you mean 'rtx-4090'/],
    [['estimate', '--model', 'llama70b', '--gpu', '4090'], /--model 'llama70b' matches .*'llama-3-1-70b'/],
    [
      ['estimate', '--model', 'llama-3-8b', '--gpu', '4090', '--runtime', 'mlx'],
      /Apple MLX runs only on Apple GPUs; choose llama.cpp for RTX 4090/,
    ],
    [
      ['estimate', '--model', 'llama-3-8b', '--gpu', '4090', '--precision', 'awq'],
      /llama.cpp does not load AWQ checkpoints \(AWQ 4-bit g128\); they run in vLLM, HF transformers, SGLang or TensorRT-LLM. Choose a llama.cpp format such as Q4_K_M/,
    ],
    [
      ['estimate', '--model', 'llama-3-8b', '--gpu', 'm4-max-128gb', '--runtime', 'vllm'],
      /vLLM runs only on NVIDIA GPUs, AMD GPUs, Intel GPUs or CPUs; choose llama.cpp for M4 Max/,
    ],
    [
      ['estimate', '--model', 'gpt-oss-120b', '--gpu', '4090', '--cpu-moe', '--n-cpu-moe', '24'],
      /give either --cpu-moe or --n-cpu-moe <layers>, not both/,
    ],
    [
      ['estimate', '--model', 'gpt-oss-120b', '--gpu', '4090', '--n-cpu-moe', 'half'],
      /--n-cpu-moe must be a whole number of layers between 0 and 1,024; got 'half'/,
    ],
    [
      [
        'estimate',
        '--model',
        'gpt-oss-120b',
        '--gpu',
        '4090',
        '--cpu-moe',
        '--runtime',
        'vllm',
        '--precision',
        'mxfp4',
      ],
      /vLLM cannot keep experts in system RAM; choose llama.cpp \(--cpu-moe, --n-cpu-moe\)/,
    ],
    [['can-run', '--gpu', '4090', '--ram', 'lots'], /--ram must be a number of GB from 0.25 to 65,536; got 'lots'/],
    [['plan', '--model', 'gpt-oss-120b', '--cpu', 'epyc-9999x'], /--cpu 'epyc-9999x' is not in the catalogue/],
  ])('rejects bad input with one line and exit code 2: %j', (args, message) => {
    const r = headroom(...args);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(message);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).not.toMatch(/at .+:\d+:\d+/);
  });
});

describe('experts in system RAM', () => {
  it('estimate keeps the experts of the layers asked for in RAM and reports them', () => {
    const all = json('estimate', '--model', 'gpt-oss-120b', '--precision', 'MXFP4_MOE', '--gpu', '4090', '--cpu-moe');
    expect(all.fit).toMatchObject({ verdict: 'fits', cpuMoeLayers: 36 });
    expect(Number(all.memory?.hostExpertBytes)).toBeGreaterThan(60e9);
    for (const key of ['decodeStartTokensPerSecond', 'prefillStartTokensPerSecond'])
      expect(typeof all.speed?.[key]).toBe('number');
    const some = headroom('estimate', '--model', 'gpt-oss-120b', '--gpu', '4090', '--n-cpu-moe', '24');
    expect(some.stdout).toContain('the experts of the first 24 of 36 layers, --n-cpu-moe 24');
    expect(some.stdout).toMatch(/Decode\s+~[\d.]+ tok\/s .* with the context full, ~[\d.]+ tok\/s at the start/);
  });

  it('can-run and plan find gpt-oss-120b on one 24 GB card with experts in RAM', () => {
    const canRun = headroom('can-run', '--gpu', '3090', '--ram', '64');
    expect(canRun.stdout).toMatch(/gpt-oss-120b .* experts of \d+ layers in RAM \(--n-cpu-moe \d+\)/);
    const small = JSON.parse(headroom('can-run', '--gpu', '3090', '--ram', '16', '--json').stdout) as {
      cannotRun: string[];
    };
    expect(small.cannotRun).toContain('gpt-oss-120b');
    // The cheapest cards that reach 10 tok/s are 8-12 GB ones with most experts in 64 GB of RAM.
    const plan = json('plan', '--model', 'gpt-oss-120b', '--min-tps', '10', '--hardware', 'consumer');
    const options = plan.options as unknown as { hardware: string; cpuMoeLayers: number }[];
    expect(options[0]?.cpuMoeLayers).toBeGreaterThan(0);
    expect(headroom('plan', '--model', 'gpt-oss-120b', '--hardware', 'consumer').stdout).toContain('experts of');
  });
});

describe('help', () => {
  it.each(['estimate', 'plan', 'can-run', 'gpus'])("%s --help prints that command's options", (command) => {
    const r = headroom(command, '--help');
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain(`headroom ${command === 'gpus' ? 'gpus' : command}`);
    expect(r.stdout).toMatch(/--\w/);
  });
});
