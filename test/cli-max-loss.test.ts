import { describe, expect, it } from 'vitest';
import { DEFAULT_MAX_LOSS, MAX_LOSS_RANGE } from '../src/planning/format-choice';
import { QUALITY_LOSS_LIMITS } from '../src/url/link-limits';
import { headroom } from './cli-harness';

describe('--max-loss', () => {
  it.each(['abc', '0', '2', '-1', '1e-2', ''])('refuses %j with the unit and range', (raw) => {
    const r = headroom('plan', '--model', 'llama-3-1-8b', '--max-loss', raw);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/--max-loss must be a number of nats of mean KL divergence \(e\.g\. 0\.01\)/);
    expect(r.stderr).toContain(`got '${raw}'`);
    expect(headroom('can-run', '--gpu', '4090', '--max-loss', raw).stderr).toMatch(/--max-loss must be a number/);
  });

  it('plan explains the format it picked in one sentence, in the table and in --json', () => {
    const args = ['plan', '--model', 'mistral-small-24b', '--hardware', 'consumer', '--max-loss', '0.01'];
    const text = headroom(...args).stdout;
    expect(text).toContain('smallest format within 0.01 KLD of 16-bit, with 1 GiB and 5% of memory free');
    expect(text).toMatch(
      /Why Q6_K: the smallest format within 0\.01 KLD of 16-bit for Mistral Small 3 24B \(mean KLD 0\.00545, figure from Llama 3 8B/,
    );
    const json = JSON.parse(headroom(...args, '--json').stdout) as { options: { format: string; why: string[] }[] };
    expect(json.options[0]?.format).toBe('Q6_K');
    expect(json.options[0]?.why[0]).toMatch(/^Q6_K: the smallest format/);
  });

  it('can-run shows the published figure behind each pick', () => {
    const r = headroom('can-run', '--gpu', 'rtx-3060-12gb', '--max-loss', '0.01');
    expect(r.stdout).toContain('published loss');
    expect(r.stdout).toMatch(/Llama 3\.1 8B +8\.03B +Q6_K +mean KLD 0\.00545, figure from Llama 3 8B/);
    expect(r.stdout).toContain('No format within 0.01 KLD fits with 1 GiB and 5% free');
  });

  it('can-run names what fits only past the threshold, and at what loss', () => {
    const r = headroom('can-run', '--gpu', 'rtx-3090', '--gpus', '2', '--max-loss', '0.01');
    expect(r.stdout).toContain('Llama 3.1 70B at Q4_K_M (mean KLD 0.0313, figure from Llama 3 8B)');
    const json = JSON.parse(
      headroom('can-run', '--gpu', 'rtx-3090', '--gpus', '2', '--max-loss', '0.01', '--json').stdout,
    ) as {
      pastThreshold: { modelId: string; format: string }[];
    };
    expect(json.pastThreshold).toContainEqual(expect.objectContaining({ modelId: 'llama-3-1-70b', format: 'Q4_K_M' }));
  });

  it('has the same range and default as the link key ql', () => {
    expect(QUALITY_LOSS_LIMITS).toEqual({ ...MAX_LOSS_RANGE, default: DEFAULT_MAX_LOSS });
  });

  it('is in the help of both commands', () => {
    for (const c of ['plan', 'can-run']) expect(headroom(c, '--help').stdout).toContain('--max-loss <KLD>');
  });
});
