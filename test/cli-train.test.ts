import { describe, expect, it } from 'vitest';
import { headroom } from './cli-harness';

interface TrainJson {
  params: { total: number; trainable: number };
  settings: { method: string; sharding: string; optimizer: string };
  memory: Record<string, number> & { components: { id: string; bytes: number }[]; peakPhase: string };
  fit: { verdict: string; maxSeqTokens: number };
  time: { tokensPerSecond: number; stepSeconds: number; totalSeconds: number } | null;
  cost: { gpuHours: number; usd: number | null; energyKWh: number | null };
  link: string;
}

const json = (...args: string[]) => {
  const r = headroom('train', ...args, '--json');
  expect(r.stderr).toBe('');
  return JSON.parse(r.stdout) as TrainJson;
};

describe('headroom train', () => {
  it('prints a readable report: verdict, memory parts, speed, time, cost and the framework’s traits', () => {
    const r = headroom(
      'train',
      '--model',
      'llama-3-1-8b',
      '--method',
      'qlora',
      '--gpu',
      '4090',
      '--gpu-hour-usd',
      '0.7',
    );
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Llama 3\.1 8B · QLoRA r8 on q,v/);
    for (const part of [
      'Verdict',
      'weights',
      'gradients',
      'optimizer',
      'activations',
      'logits',
      'overhead',
      'Speed',
      'Time',
      'Cost',
    ])
      expect(r.stdout).toContain(part);
    expect(r.stdout).toContain('prepare_model_for_kbit_training');
    expect(r.stdout).toMatch(
      /Open in the app: http:\/\/localhost:5173\/\?v=2&view=details&m=llama-3-1-8b.*task=train&tr-m=qlora/,
    );
  });

  it('prints the issue’s JSON fields; LoRA weights match a hand count', () => {
    const j = json('--model', 'llama-3-1-8b', '--method', 'lora', '--gpu', '4090', '--gradient-checkpointing', 'on');
    for (const k of [
      'weightsBytes',
      'gradientBytes',
      'optimizerBytes',
      'activationBytes',
      'logitsBytes',
      'overheadBytes',
      'peakPerDeviceBytes',
    ])
      expect(Number.isInteger(j.memory[k]), k).toBe(true);
    // 32 layers × 8 × ((4096 + 4096) + (4096 + 1024)) adapter weights on q and v.
    expect(j.params.trainable).toBe(3_407_872);
    // bf16 base (8,030,261,248 × 2) and fp32 adapters (PEFT): 16,060,522,496 + 13,631,488.
    expect(j.memory['weightsBytes']).toBe(16_074_153_984);
    // AdamW in fp32 on the adapters: 8 bytes each.
    expect(j.memory['optimizerBytes']).toBe(27_262_976);
    expect(j.fit.verdict).toBe('fits');
    expect(j.time?.tokensPerSecond).toBeGreaterThan(0);
    expect(j.time?.stepSeconds).toBeGreaterThan(0);
    expect(j.time?.totalSeconds).toBeGreaterThan(0);
    const sum = j.memory.components.reduce((a, c) => a + c.bytes, 0);
    expect(Math.abs(sum - (j.memory['peakPerDeviceBytes'] ?? 0))).toBeLessThanOrEqual(6);
  });

  it('defaults to FSDP on several GPUs, pools memory across them, and costs GPU-hours × price', () => {
    const one = json(
      '--model',
      'llama-3-1-8b',
      '--method',
      'full',
      '--gpu',
      'a100-80gb-sxm',
      '--gradient-checkpointing',
      'on',
    );
    const eight = json(
      '--model',
      'llama-3-1-8b',
      '--method',
      'full',
      '--gpu',
      'a100-80gb-sxm',
      '--gpus',
      '8',
      '--gradient-checkpointing',
      'on',
      '--gpu-hour-usd',
      '2',
    );
    expect(eight.settings.sharding).toBe('fsdp');
    expect(one.fit.verdict).toBe('no');
    expect(eight.fit.verdict).toBe('fits');
    expect(eight.cost.usd).toBeCloseTo(eight.cost.gpuHours * 2, 6);
    // 8 × 400 W rated board power for the whole run.
    expect(eight.cost.energyKWh).toBeCloseTo((8 * 400 * (eight.time?.totalSeconds ?? 0)) / 3.6e6, 6);
  });

  it('applies framework presets: LitGPT swaps the QLoRA optimizer for paged AdamW', () => {
    // Rank 64: each adapter matrix has 64 × 4,096 = 262,144 elements, above the 100,000 that paging starts at.
    const j = json(
      '--model',
      'llama-2-7b',
      '--method',
      'qlora',
      '--rank',
      '64',
      '--gpu',
      'a10g',
      '--framework',
      'litgpt',
    );
    expect(j.settings.optimizer).toBe('paged-adamw-32bit');
    expect(j.memory['pagedOptimizerBytes']).toBeGreaterThan(0);
  });

  it.each([
    [['--method', 'lroa'], "--method must be one of full, lora, qlora; got 'lroa'"],
    [['--targets', 'q,wq'], "unknown: 'wq'"],
    [['--seq', '-5'], "--seq must be a whole number of tokens between 1 and 131,072 (8k = 8,192); got '-5'"],
    [
      ['--dataset-tokens', 'lots'],
      "--dataset-tokens must be a number of tokens such as 1e8, 100m or 2.5b (at most 100T); got 'lots'",
    ],
    [['--gpus', '2', '--sharding', 'none'], '2 GPUs need a way to share the work'],
    [['--offload', 'params'], 'CPU offload comes with ZeRO or FSDP'],
    [
      ['--framework', 'deepspeed'],
      "--framework must be one of hf, trl, unsloth, torchtune, llama-factory, axolotl, litgpt; got 'deepspeed'",
    ],
    [['--method', 'full', '--rank', '8'], '--rank, --targets and --dora are LoRA settings'],
    [['--lora'], "Unknown option '--lora'"],
    [['--epochs', '1e9'], "--epochs must be a number of epochs from 0.01 to 1,000; got '1e9'"],
  ])('refuses %j with one line naming the input', (args, message) => {
    const r = headroom('train', '--model', 'llama-3-1-8b', '--gpu', '4090', ...args);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(message);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('has help listing every training flag', () => {
    const r = headroom('train', '--help');
    for (const flag of [
      '--method',
      '--rank',
      '--targets',
      '--optimizer',
      '--precision',
      '--gradient-checkpointing',
      '--seq',
      '--batch',
      '--gpu',
      '--gpus',
      '--sharding',
      '--dataset-tokens',
      '--framework',
      '--json',
    ])
      expect(r.stdout).toContain(flag);
  });
});

describe('plan and can-run --task train', () => {
  it('plans the cheapest hardware that fine-tunes the model in time, and explains cheaper rejections', () => {
    const r = headroom(
      'plan',
      '--task',
      'train',
      '--model',
      'llama-3-1-8b',
      '--method',
      'qlora',
      '--max-hours',
      '48',
      '--hardware',
      'consumer',
      '--json',
    );
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout) as {
      options: { priceUsd: number; verdict: string; totalSeconds: number }[];
      cheaperRejected: { reason: string }[];
    };
    expect(j.options.length).toBeGreaterThan(0);
    for (const o of j.options) {
      expect(['fits', 'tight']).toContain(o.verdict);
      expect(o.totalSeconds / 3600).toBeLessThanOrEqual(48);
    }
    for (const o of j.cheaperRejected) expect(o.reason).toMatch(/does not fit|too slow/);
    const text = headroom(
      'plan',
      '--task=train',
      '--model',
      'llama-3-1-8b',
      '--method',
      'qlora',
      '--hardware',
      'consumer',
    );
    expect(text.stdout).toMatch(/^Fine-tuning plan for Llama 3\.1 8B · QLoRA/);
  });

  it('lists what owned GPUs can fine-tune, with the method that fits', () => {
    const r = headroom('can-run', '--task', 'train', '--gpu', '4090', '--seq', '1024', '--json');
    const j = JSON.parse(r.stdout) as { models: { modelId: string; method: string }[]; cannotFineTune: string[] };
    expect(j.models.find((m) => m.modelId === 'llama-3-1-8b')?.method).toBe('lora');
    expect(j.models.find((m) => m.modelId === 'qwen2-5-0-5b')?.method).toBe('full');
    expect(j.cannotFineTune).toContain('Llama 3.1 405B');
  });

  it('keeps the inference versions as they were, and refuses an unknown task', () => {
    expect(headroom('plan', '--task', 'run', '--model', 'llama-3-1-8b', '--top', '1').stdout).toMatch(
      /^Plan for Llama 3\.1 8B/,
    );
    const bad = headroom('plan', '--task', 'serve', '--model', 'llama-3-1-8b');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("--task must be run or train; got 'serve'");
    expect(headroom('plan', '--task', 'train', '--help').stdout).toContain('--max-hours');
  });
});
