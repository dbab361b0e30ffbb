import { describe, expect, it } from 'vitest';
import { headroom } from './cli-harness';

interface JsonSuggestion {
  change: { kind: string; count?: number };
  flags: string;
  verdict: string;
  deviceBytes: number;
  usableBytes: number;
  decodeTokensPerSecond: number;
}

describe('headroom estimate: what would make it fit', () => {
  it('lists two cards for a 70B on one, and the same figures as estimating with that flag', () => {
    const text = headroom('estimate', '--model', 'llama-3-1-70b', '--precision', 'Q4_K_M', '--gpu', '4090');
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('What would make it fit:');
    expect(text.stdout).toMatch(/Use 2 × RTX 4090 24 GB \(--gpus 2\): fits, [\d.]+ GiB of 48\.0 GiB used/);

    const json = headroom('estimate', '--model', 'llama-3-1-70b', '--precision', 'Q4_K_M', '--gpu', '4090', '--json');
    const suggestions = (JSON.parse(json.stdout) as { suggestions: JsonSuggestion[] }).suggestions;
    expect(suggestions.map((s) => s.flags)).toEqual(['--gpus 2']);
    const two = JSON.parse(
      headroom(
        'estimate',
        '--model',
        'llama-3-1-70b',
        '--precision',
        'Q4_K_M',
        '--gpu',
        '4090',
        '--gpus',
        '2',
        '--json',
      ).stdout,
    ) as { memory: { deviceBytes: number }; fit: { verdict: string }; speed: { decodeTokensPerSecond: number } };
    expect(suggestions[0]?.deviceBytes).toBe(two.memory.deviceBytes);
    expect(suggestions[0]?.verdict).toBe(two.fit.verdict);
    expect(suggestions[0]?.decodeTokensPerSecond).toBe(two.speed.decodeTokensPerSecond);
  });

  it('prints none and an empty list for a run that fits', () => {
    const text = headroom('estimate', '--model', 'llama-3-1-8b', '--gpu', '4090');
    expect(text.stdout).not.toContain('What would make it fit');
    const json = JSON.parse(headroom('estimate', '--model', 'llama-3-1-8b', '--gpu', '4090', '--json').stdout) as {
      suggestions: unknown[];
    };
    expect(json.suggestions).toEqual([]);
  });
});
