import { describe, expect, it } from 'vitest';
import { DEFAULT_SERVING } from '../url/serving-state';
import { DEFAULT_STATE } from '../url/share-state';
import { servingMatrixView } from './serving-matrix';
import { buildScenario } from './scenario';
import { servingFor } from './serving-for';
import { comparisonRows, rowsToCsv } from './table-rows';

const scenario = buildScenario({
  ...DEFAULT_STATE,
  models: ['llama-3-1-8b', 'llama-3-1-70b'],
  formats: ['bf16'],
  runtime: 'vllm',
  pools: [{ parts: [{ id: 'l40s', count: 1 }] }, { parts: [{ id: 'm4-max-128gb', count: 1 }] }],
  task: 'serve',
});

describe('the Serve task’s matrix and table', () => {
  const view = servingMatrixView(scenario, DEFAULT_SERVING);

  it('puts the most users at the floor in each cell, coloured by whether they reach the users asked for', () => {
    const model = scenario.models[0];
    const pool = scenario.pools[0];
    const format = scenario.formats[0];
    if (!model || !pool || !format) throw new Error('scenario');
    const r = servingFor(scenario, DEFAULT_SERVING, model, pool, format);
    if (!r.ok) throw new Error(r.error);
    const users = r.value.maxUsersAtFloor ?? 0;
    const cell = view.cells[0]?.[0];
    expect(cell?.speedLabel).toBe(String(users));
    // 32 users asked for by default: fewer than that at 20 tok/s each is tight.
    expect(cell?.verdict).toBe(users >= 32 ? 'fits' : 'tight');
    expect(cell?.verdictText).toBe(`serves ${users} users at ≥ 20 tok/s each`);
    expect(view.title).toBe('How many users each configuration serves');
  });

  it('says when the engine would not start, and what cannot run at all', () => {
    // Llama 3.1 70B BF16 (141 GB) on one L40S: the weights alone are too big.
    expect(view.cells[1]?.[0]?.verdict).toBe('no');
    // vLLM has no Apple backend.
    expect(view.cells[0]?.[1]?.verdict).toBe('error');
    expect(view.cells[0]?.[1]?.verdictText).toMatch(/^vLLM runs only on/);
  });

  it('the table gains the users at the floor and the CSV its column, only in the Serve task', () => {
    const serve = comparisonRows(scenario, false, DEFAULT_SERVING);
    expect(serve[0]?.maxUsersAtFloor).toBe(Number(view.cells[0]?.[0]?.speedLabel));
    expect(rowsToCsv(serve).split('\r\n')[0]).toMatch(/,max_users_at_floor$/);
    const run = comparisonRows(scenario);
    expect(run[0]?.maxUsersAtFloor).toBeNull();
    expect(rowsToCsv(run).split('\r\n')[0]).toMatch(/,prefill_tok_s$/);
  });
});
