import { describe, expect, it } from 'vitest';
import { DEFAULT_STATE, type ShareState } from '../url/share-state';
import { DEFAULT_TRAINING } from '../url/training-state';
import { buildScenario } from './scenario';
import { trainingMatrixView } from './training-matrix-view';
import { trainingBreakdownView, trainingSeqView } from './training-memory-view';
import { trainingCanRunView, trainingPlanView } from './training-plan-view';
import { trainingSummaryView } from './training-summary-view';
import { trainingRows, trainingRowsToCsv } from './training-table-rows';

const state: ShareState = {
  ...DEFAULT_STATE,
  task: 'train',
  models: ['llama-3-1-8b', 'llama-3-1-70b'],
  pools: [{ parts: [{ id: 'rtx-4090', count: 1 }] }, { parts: [{ id: 'h100-80gb-sxm', count: 8 }] }],
  selected: { model: 'llama-3-1-8b', pool: 'rtx-4090' },
};
const s = buildScenario(state);
const t = DEFAULT_TRAINING;

describe('fine-tuning views', () => {
  it('the matrix shows each pair’s verdict and the time of one epoch', () => {
    const v = trainingMatrixView(s, t);
    expect(v.formatLabel).toBe('LoRA');
    const cell = (model: number, pool: number) => v.cells[model]?.[pool];
    expect(cell(0, 0)?.verdict).toBe('fits');
    expect(cell(0, 0)?.speedLabel).toMatch(/^\d+(\.\d+)?[smhdy]$/);
    // 70B LoRA in bf16 (141 GB of weights) does not fit one 24 GB card, but fits 8 H100s with FSDP.
    expect(cell(1, 0)?.verdict).toBe('no');
    expect(cell(1, 0)?.speedLabel).toBe('');
    expect(cell(1, 1)?.verdict).toBe('fits');
    expect(cell(1, 1)?.ariaLabel).toMatch(/per epoch$/);
  });

  it('the memory view puts the chosen method first and stacks the training parts', () => {
    const b = trainingBreakdownView(s, t);
    expect(b.bars.map((x) => x.format)).toEqual(['LoRA (chosen)', 'Full fine-tuning', 'QLoRA']);
    expect(b.series.map((x) => x.id)).toContain('optimizer');
    expect(b.capacity).toBeCloseTo(24, 6);
    const seq = trainingSeqView(s, t);
    expect(seq.series.map((x) => x.label)).toEqual(['LoRA', 'Full fine-tuning', 'QLoRA']);
    // QLoRA fits longer sequences than LoRA on the same card.
    expect(seq.series[2]?.maxContext ?? 0).toBeGreaterThan(seq.series[0]?.maxContext ?? 0);
  });

  it('the banner names the run, the verdict with speed and time, and explains every part', () => {
    const v = trainingSummaryView(s, t);
    expect(v.heading).toMatch(/^Fine-tune Llama 3\.1 8B on RTX 4090 24 GB · LoRA r8 on q,v/);
    expect(v.sentence).toMatch(/^fits, .* to spare per GPU, ~[\d,]+ tok\/s \(/);
    for (const p of v.parts) expect(p.explanation.source).toMatch(/^https:\/\//);
    expect(v.traits.length).toBeGreaterThan(0);
  });

  it('the table has a row per model × GPUs × method and exports CSV', () => {
    const rows = trainingRows(s, t);
    expect(rows).toHaveLength(2 * 2 * 3);
    const csv = trainingRowsToCsv(rows);
    expect(csv.split('\r\n')[0]).toBe(
      'model,gpu,method,verdict,trainable_params,weights_gib,optimizer_gib,activations_logits_gib,peak_gib_per_gpu,usable_gib_per_gpu,tokens_per_s,hours',
    );
    expect(csv).not.toMatch(/NaN|Infinity/);
  });

  it('the buying guide and can-run views rank and explain', () => {
    const plan = trainingPlanView(s, { ...t, method: 'qlora' }, { ...state.plan, hardware: ['consumer'] });
    expect(plan.rows.length).toBeGreaterThan(0);
    expect(plan.rows.every((r) => r.hours > 0)).toBe(true);
    const canRun = trainingCanRunView(s, t);
    expect(canRun.title).toBe('What RTX 4090 24 GB can fine-tune');
    expect(canRun.rows.find((r) => r.modelId === 'llama-3-1-8b')?.method).toBe('LoRA');
  });
});
