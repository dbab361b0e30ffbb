import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compactHfConfig, MAX_CONFIG_BYTES, parseHfConfig } from './hf-config';

/** Issue 16: configs whose numbers crashed the page, froze the tab or printed Infinity. */

const llama = JSON.parse(
  readFileSync(join(import.meta.dirname, '../../test/fixtures/configs/llama-3-8b.json'), 'utf8'),
) as Record<string, unknown>;
const withField = (patch: Record<string, unknown>) => JSON.stringify({ ...llama, ...patch });

describe('config.json bounds', () => {
  it.each([
    [
      { intermediate_size: 1e300 },
      'config.json: intermediate_size must be a whole number from 1 to 1,048,576; got a 301-digit number',
    ],
    [
      { num_hidden_layers: 1e9 },
      'config.json: num_hidden_layers must be a whole number from 1 to 1,024; got 1000000000',
    ],
    [{ num_hidden_layers: 1e6 }, 'config.json: num_hidden_layers must be a whole number from 1 to 1,024; got 1000000'],
    [
      { num_hidden_layers: 100_000 },
      'config.json: num_hidden_layers must be a whole number from 1 to 1,024; got 100000',
    ],
    [
      { hidden_size: 1e200 },
      'config.json: hidden_size must be a whole number from 1 to 131,072; got a 201-digit number',
    ],
    [
      { max_position_embeddings: 1e300 },
      'config.json: max_position_embeddings must be a whole number from 1 to 16,777,216; got a 301-digit number',
    ],
    [{ vocab_size: 1e15 }, 'config.json: vocab_size must be a whole number from 1 to 4,194,304; got 1000000000000000'],
    [
      { model_type: 'gemma2', sliding_window: 1e12 },
      'config.json: sliding_window must be a whole number from 1 to 16,777,216; got 1000000000000',
    ],
  ])('refuses %j with the key as the file writes it', (patch, message) => {
    expect(parseHfConfig(withField(patch))).toEqual({ ok: false, error: message });
  });

  it('refuses more than 1 MiB before parsing it (a wrong file costs nothing)', () => {
    // Not JSON at all: the size is what is reported, so JSON.parse never ran.
    const big = 'x'.repeat(MAX_CONFIG_BYTES + 1);
    const r = parseHfConfig(big);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(/^config.json is larger than 1 MiB/);
  });

  it('says where the JSON breaks instead of echoing the text', () => {
    expect(parseHfConfig('NaN')).toEqual({
      ok: false,
      error: 'config.json is not valid JSON (paste the whole file, from { to })',
    });
    const errorOf = (text: string) => {
      const r = parseHfConfig(text);
      return r.ok ? 'no error' : r.error;
    };
    expect(errorOf('{\n  "a": 1,\n}')).toMatch(/at line 3, column 1/);
    expect(errorOf('{"a":')).toMatch(/ends before the JSON is complete/);
  });

  it('reads a file saved with a byte-order mark', () => {
    expect(parseHfConfig(`\uFEFF${withField({})}`).ok).toBe(true);
  });

  it('keeps a link short: an attention-only layer_types becomes the distance to the first full layer, all that is read', () => {
    const types = Array.from({ length: 62 }, (_, i) => ((i + 1) % 6 === 0 ? 'full_attention' : 'sliding_attention'));
    const text = withField({
      model_type: 'gemma3_text',
      sliding_window: 1024,
      layer_types: types,
      num_hidden_layers: 62,
    });
    const compact = compactHfConfig(text);
    if (!compact.ok || compact.json === undefined) throw new Error('usable');
    const carried = JSON.parse(compact.json) as { layer_types?: string[]; sliding_window_pattern?: number };
    expect(carried.layer_types).toBeUndefined();
    expect(carried.sliding_window_pattern).toBe(6);
    const again = parseHfConfig(compact.json);
    const whole = parseHfConfig(text);
    if (!again.ok || !whole.ok) throw new Error('usable');
    expect(again.value.arch).toEqual(whole.value.arch);
  });
});
