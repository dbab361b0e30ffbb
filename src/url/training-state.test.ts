import { describe, expect, it } from 'vitest';
import { DEFAULT_TRAINING, parseTrainingState, serializeTrainingState } from './training-state';

const parse = (query: string) => {
  const notices: string[] = [];
  return { state: parseTrainingState(new URLSearchParams(query), notices), notices };
};

describe('fine-tuning settings in the link', () => {
  it('an empty query is the defaults, which serialize to nothing', () => {
    expect(parse('').state).toEqual(DEFAULT_TRAINING);
    expect(serializeTrainingState(DEFAULT_TRAINING)).toEqual([]);
  });

  it('reads every key and writes the short forms back', () => {
    const q =
      'tr-fw=unsloth&tr-m=qlora&tr-r=64&tr-t=all-linear&tr-dora=on&tr-o=paged-adamw-8bit&tr-p=fp16&tr-gc=off&tr-l=fused&tr-sh=zero3&tr-off=optimizer&tr-dq=off&tr-s=8192&tr-b=4&tr-ga=8&tr-d=500000000&tr-e=3&tr-usd=2.49';
    const { state, notices } = parse(q);
    expect(notices).toEqual([]);
    expect(state).toMatchObject({
      framework: 'unsloth',
      method: 'qlora',
      rank: 64,
      targets: ['q', 'k', 'v', 'o', 'gate', 'up', 'down'],
      dora: true,
      doubleQuant: false,
      seqTokens: 8192,
      datasetTokens: 5e8,
      gpuHourUsd: 2.49,
    });
    expect(new URLSearchParams(serializeTrainingState(state)).toString()).toBe(new URLSearchParams(q).toString());
  });

  it('keeps the valid parts of a broken link and names each bad one', () => {
    const { state, notices } = parse('tr-m=qlora&tr-r=0&tr-t=q,wq&tr-s=abc&tr-o=lion&tr-gc=maybe&tr-e=-1');
    expect(state.method).toBe('qlora');
    expect(state.rank).toBeNull();
    expect(state.seqTokens).toBe(2048);
    expect(notices).toEqual([
      "Ignored LoRA targets 'q,wq': unknown module wq.",
      "Ignored LoRA rank '0': it must be a whole number from 1 to 4,096.",
      "Ignored optimizer 'lion': use one of adamw, adamw-8bit, paged-adamw-8bit, paged-adamw-32bit, adafactor, sgd, sgd-momentum.",
      "Ignored gradient checkpointing 'maybe': use on or off.",
      "Ignored sequence length 'abc': it must be a whole number from 1 to 1,048,576.",
      "Ignored epochs '-1': it must be a number above 0 and at most 1,000.",
    ]);
  });
});
