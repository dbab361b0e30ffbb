import { describe, expect, it } from 'vitest';
import { trainingSettingsProblem } from '../training-settings';
import { FRAMEWORK_IDS } from './framework-ids';
import { frameworkByName, TRAINING_FRAMEWORKS } from './registry';

describe('framework presets', () => {
  it.each(TRAINING_FRAMEWORKS.map((f) => [f.id, f] as const))(
    '%s names what it changes, each with a source',
    (_id, f) => {
      expect(f.traits.length).toBeGreaterThan(0);
      for (const t of f.traits) expect(t.source).toMatch(/^https:\/\/(github\.com|huggingface\.co)\//);
      expect(f.source).toMatch(/^https:\/\//);
    },
  );

  it.each(TRAINING_FRAMEWORKS.map((f) => [f.id, f] as const))(
    '%s defaults make valid settings on one GPU',
    (_id, f) => {
      const d = f.defaults;
      const problem = trainingSettingsProblem(
        {
          method: d.method,
          lora: d.method === 'full' ? null : { rank: d.rank, modules: d.modules, dora: false, dropout: d.loraDropout },
          optimizer: d.optimizer,
          precision: d.precision,
          masterWeights: d.method === 'full' && d.masterWeights,
          gradientCheckpointing: d.gradientCheckpointing(d.method, 1),
          flashAttention: d.flashAttention,
          loss: d.loss,
          seqTokens: 2048,
          microBatch: 1,
          gradAccum: 1,
          sharding: 'none',
          offload: 'none',
          doubleQuant: true,
        },
        1,
      );
      expect(problem).toBeNull();
    },
  );

  it('finds presets by id or alias, in any case', () => {
    expect(frameworkByName('LlamaFactory')).toBe('llama-factory');
    expect(frameworkByName(' transformers ')).toBe('hf');
    expect(frameworkByName('deepspeed-chat')).toBeNull();
    expect(new Set(FRAMEWORK_IDS).size).toBe(FRAMEWORK_IDS.length);
  });

  it('lists exactly the profiles’ ids, in their order', () => {
    expect(TRAINING_FRAMEWORKS.map((f) => f.id)).toEqual(FRAMEWORK_IDS);
  });
});
