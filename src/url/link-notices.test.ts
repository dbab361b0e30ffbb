import { describe, expect, it } from 'vitest';
import { GPUS, MODELS } from '../catalog/catalog';
import { weightFormatById } from '../core/formats/weight-formats';
import { isCatalogGpu, isCatalogModel } from '../view-models/scenario';
import { isLinkKey } from './link-keys';
import { MAX_MODELS, MAX_POOLS, bareSizeToken, parseBareSize } from './link-limits';
import { parseShareLink, serializeShareLink, type KnownIds } from './share-link';
import { DEFAULT_STATE, poolKey } from './share-state';

/** Issue 16: parts of links that were ignored without a word, cut silently or lost on reopening. */

const known: KnownIds = {
  isModel: isCatalogModel,
  isGpu: isCatalogGpu,
  isFormat: (id) => weightFormatById(id) !== null,
  configProblem: () => null,
};
const parse = (query: string) => parseShareLink(query, known);

describe('link notices', () => {
  it.each(['0b', '5m', '100t'])('names a bare size out of range (m=%s) instead of showing Llama 3.1 8B', (size) => {
    const { state, notices } = parse(`?v=2&m=${size},llama-3-1-70b`);
    expect(state.models).toEqual(['llama-3-1-70b']);
    expect(notices).toEqual([
      `Ignored model '${size}': a bare model size must be from 100m to 10t parameters (e.g. 7b, 0.5b, 1.5t).`,
    ]);
  });

  it('names unknown keys with the key a link uses instead', () => {
    const { notices } = parse('?v=2&gpu=rtx-4090&model=llama-3-1-8b&zz=1');
    expect(notices).toEqual([
      "Ignored unknown part 'gpu=rtx-4090' (did you mean 'g'?).",
      "Ignored unknown part 'model=llama-3-1-8b' (did you mean 'm'?).",
      "Ignored unknown part 'zz=1'.",
    ]);
  });

  it('uses the first of a repeated key and names the rest', () => {
    const { state, notices } = parse('?v=2&ctx=4096&ctx=abc');
    expect(state.context).toBe(4096);
    expect(notices).toEqual([
      "Ignored the repeated 'ctx=abc': a link gives each part once, and the first ('ctx=4096') was used.",
    ]);
  });

  it('does not flag the keys other features parse: hf, task, sv-*, tr-*, ram, rbw, cpu, moe', () => {
    for (const key of ['hf', 'task', 'sv-users', 'tr-epochs', 'ram', 'rbw', 'cpu', 'moe', 'tf-model', 'utm_source'])
      expect(isLinkKey(key), key).toBe(true);
    for (const key of ['sv-', 'tf-', 'gpu', '__proto__', 'constructor', 'toString'])
      expect(isLinkKey(key), key).toBe(false);
    expect(parse('?v=2&hf=Qwen/Qwen3-8B&task=serve&sv-users=8&ram=128').notices).toEqual([]);
  });

  it('says which models and GPU configurations beyond the limit were left out', () => {
    const ids = MODELS.map((m) => m.id);
    expect(ids.length).toBeGreaterThan(MAX_MODELS);
    const models = parse(`?v=2&m=${ids.join(',')}`);
    expect(models.state.models).toEqual(ids.slice(0, MAX_MODELS));
    expect(models.notices).toEqual([
      `Kept the first 60 models, the most a link carries; left out ${ids
        .slice(MAX_MODELS, MAX_MODELS + 5)
        .map((id) => `'${id}'`)
        .join(', ')} and ${ids.length - MAX_MODELS - 5} more.`,
    ]);
    const gpus = GPUS.map((g) => g.id);
    const pools = parse(`?v=2&g=${gpus.join(',')}`);
    expect(pools.state.pools).toHaveLength(MAX_POOLS);
    expect(pools.notices[0]).toMatch(/^Kept the first 60 GPU configurations, the most a link carries; left out /);
  });

  it('shows a format once however it is spelled, and names the repeat', () => {
    const { state, notices } = parse('?v=2&f=Q4_K_M,q4_k_m,fp16,f16');
    expect(state.formats).toEqual(['Q4_K_M', 'f16']);
    expect(notices).toEqual(["Ignored the repeated formats 'q4_k_m' and 'f16'."]);
  });

  it('refuses a pool of more than 64 GPUs, and keeps the order of a mixed pool', () => {
    expect(parse('?v=2&g=rtx-4090*64_rtx-3090').notices).toEqual([
      "Ignored GPU configuration 'rtx-4090*64_rtx-3090': a pool holds at most 64 GPUs; it has 65.",
    ]);
    const { state } = parse('?v=2&g=rtx-4090_rtx-3090_rtx-4090');
    expect(state.pools.map(poolKey)).toEqual(['rtx-4090_rtx-3090_rtx-4090']);
  });

  it('cuts every echoed value to 40 characters (a 10,240-character value made the notice 89,682 px wide)', () => {
    const long = 'x'.repeat(10_240);
    for (const key of [
      'm',
      'f',
      'g',
      'view',
      'kv',
      'rt',
      'sel',
      'base',
      'ctx',
      'hw',
      'pf',
      'ts',
      'th',
      'tf-decode',
      'wat',
    ]) {
      const { notices } = parse(`?v=2&${key}=${long}`);
      expect(notices.length, key).toBeGreaterThan(0);
      for (const n of notices) expect(n.length, `${key}: ${n}`).toBeLessThan(200);
    }
  });

  it('keeps a table search and filter by characters, not UTF-16 units, and cuts longer ones with a notice', () => {
    const emoji = `a${'😀'.repeat(60)}`;
    const { state, notices } = parse(
      `?v=2&tq=${encodeURIComponent(emoji)}&tf-model=${encodeURIComponent('😀'.repeat(120))}`,
    );
    expect(state.table.search).toBe(emoji);
    expect(state.table.filters).toEqual([{ id: 'model', value: '😀'.repeat(100) }]);
    expect(notices).toEqual(["Cut the table filter 'tf-model' to its first 100 characters, the most a link keeps."]);
    expect(parse(serializeShareLink(state)).state).toEqual(state);
  });

  it('serializes text with a lone surrogate instead of throwing (537 of 3,000 states did)', () => {
    const state = { ...DEFAULT_STATE, table: { ...DEFAULT_STATE.table, search: `a${'😀'.repeat(49)}\uD83D` } };
    expect(() => serializeShareLink(state)).not.toThrow();
  });

  it.each([
    [1e-7, 'tf-decode=0.0000001'],
    [1e-300, `tf-decode=0.${'0'.repeat(299)}1`],
    [123.5, 'tf-decode=123.5'],
  ])('writes a decode filter of %s in a form it reads back', (value, written) => {
    const state = { ...DEFAULT_STATE, table: { ...DEFAULT_STATE.table, filters: [{ id: 'decode' as const, value }] } };
    const link = serializeShareLink(state);
    expect(link).toContain(written);
    expect(parse(link)).toEqual({ state, notices: [] });
  });

  it.each(['1e+21', '9'.repeat(400), '-1', 'abc'])('refuses a decode filter of %s clearly', (raw) => {
    const { state, notices } = parse(`?v=2&tf-decode=${encodeURIComponent(raw)}`);
    expect(state.table.filters).toEqual([]);
    expect(notices[0]).toMatch(/the minimum must be a number from 0 to 1,000,000 tok\/s\.$/);
  });

  it('reads an exponent-written decode filter from an older link', () => {
    expect(parse('?v=2&tf-decode=1e-7').state.table.filters).toEqual([{ id: 'decode', value: 1e-7 }]);
  });

  it('carries a context up to the largest catalogue model window (Llama 4 Scout, 10M tokens)', () => {
    expect(parse('?v=2&ctx=10485760').state.context).toBe(10_485_760);
    expect(parse('?v=2&ctx=16777217').notices[0]).toMatch(/from 1 to 16,777,216/);
  });
});

describe('bare sizes', () => {
  it('write and read back the same count, as the CLI and the page both use them', () => {
    for (const count of [1e8, 3.5e8, 7e9, 7_123_456_789, 1.5e12, 1e13]) {
      const token = bareSizeToken(count);
      const read = parseBareSize(token);
      expect(read?.ok && Math.abs(read.count / count - 1)).toBeLessThan(1e-11);
    }
    expect(bareSizeToken(7e9)).toBe('7b');
    expect(bareSizeToken(3.5e8)).toBe('350m');
    expect(parseBareSize('llama')).toBeNull();
  });
});
