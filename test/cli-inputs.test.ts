import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { weightFormatById } from '../src/core/formats/weight-formats';
import { parseHfConfig } from '../src/importers/hf-config';
import { parseShareLink } from '../src/url/share-link';
import { buildScenario, estimateFor, isCatalogGpu, isCatalogModel } from '../src/view-models/scenario';
import { headroom } from './cli-harness';

/** Issue 16: every CLI input that crashed, hung, printed nonsense or wrote a link the page changed. */

const scratch = mkdtempSync(join(tmpdir(), 'headroom-cli-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
const llama = JSON.parse(
  readFileSync(join(import.meta.dirname, 'fixtures', 'configs', 'llama-3-8b.json'), 'utf8'),
) as Record<string, unknown>;
function config(name: string, patch: Record<string, unknown>): string {
  const path = join(scratch, `${name}.json`);
  writeFileSync(path, JSON.stringify({ ...llama, ...patch }));
  return path;
}

function refused(args: string[], message: RegExp): void {
  const r = headroom(...args);
  expect(r.code, r.stderr).toBe(2);
  expect(r.stdout).toBe('');
  expect(r.stderr).toMatch(message);
  expect(r.stderr.trim().split('\n')).toHaveLength(1);
  expect(r.stderr.length).toBeLessThan(320);
}

const KNOWN = {
  isModel: isCatalogModel,
  isGpu: isCatalogGpu,
  isFormat: (id: string) => weightFormatById(id) !== null,
  configProblem: (json: string) => {
    const r = parseHfConfig(json);
    return r.ok ? null : r.error;
  },
};

/** The page's estimate of the CLI's closing link: the same numbers, or the link changed something. */
function reopened(link: string) {
  const { state, notices } = parseShareLink(new URL(link).search, KNOWN);
  expect(notices).toEqual([]);
  const s = buildScenario(state);
  const format = s.formats[0];
  if (!format) throw new Error('no format');
  const r = estimateFor(s, s.selectedModel, s.selectedPool, format);
  if (!r.ok) throw new Error(r.error);
  return { state, estimate: r.value };
}

describe('CLI inputs', () => {
  it.each(['__proto__', 'valueOf', 'hasOwnProperty', 'toString', 'constructor'])(
    "treats '%s' as an unknown command",
    (name) => refused([name], new RegExp(`unknown command '${name}'`)),
  );

  it.each(['__proto__', 'valueOf', 'toString'])('treats --sort %s as an unknown sort key', (key) =>
    refused(['can-run', '--gpu', '4090', '--sort', key], /--sort must be size, speed or context/),
  );

  it.each([
    [
      'intermediate-1e300',
      { intermediate_size: 1e300 },
      /intermediate_size must be a whole number from 1 to 1,048,576/,
    ],
    ['hidden-1e200', { hidden_size: 1e200 }, /hidden_size must be a whole number from 1 to 131,072/],
    ['layers-1e9', { num_hidden_layers: 1e9 }, /num_hidden_layers must be a whole number from 1 to 1,024/],
    ['layers-1e7', { num_hidden_layers: 1e7 }, /num_hidden_layers must be a whole number from 1 to 1,024/],
    ['positions-1e300', { max_position_embeddings: 1e300 }, /max_position_embeddings must be a whole number/],
    ['vocab-1e15', { vocab_size: 1e15 }, /vocab_size must be a whole number from 1 to 4,194,304/],
  ])('refuses a --config with %s, naming the key', (name, patch, message) => {
    refused(['estimate', '--config', config(name, patch), '--gpu', '4090', '--json'], message);
  });

  it.skipIf(!existsSync('/dev/zero'))('refuses --config /dev/zero after reading one megabyte', () => {
    refused(['estimate', '--config', '/dev/zero', '--gpu', '4090'], /config.json is larger than 1 MiB/);
  });

  it('refuses a --config that is a directory', () => {
    refused(['estimate', '--config', scratch, '--gpu', '4090'], /cannot read --config '.*': it is a directory/);
  });

  it.each([
    [['--vram', '1e40', '--bandwidth', '1e40'], /--vram must be a number of GB from 0.25 to 65,536; got '1e40'/],
    [['--vram', '0.000000001', '--bandwidth', '900'], /--vram must be a number of GB from 0.25 to 65,536/],
    [['--vram', '24', '--bandwidth', '0.0000001'], /--bandwidth must be a number of GB\/s from 1 to 100,000/],
    [
      ['--vram', '24', '--bandwidth', '900', '--tflops', '1e9'],
      /--tflops must be a number of TFLOPS from 0.01 to 100,000/,
    ],
    [['--gpu', '4090', '--ram', '0.000001'], /--ram must be a number of GB from 0.25 to 65,536/],
    [['--gpu', '4090', '--bpw', '0.5'], /--bpw must be a number of bits per weight from 1 to 32; got '0.5'/],
    [['--gpu', '4090', '--batch', '4096'], /--batch must be a whole number of sequences between 1 and 256/],
    [['--gpu', '4090', '--link-base', ''], /--link-base must be the web app's http\(s\) address/],
    [Array.from({ length: 100 }, () => ['--gpu', '4090']).flat(), /a pool holds at most 64 GPUs, as a link does/],
  ])('refuses absurd values: %j', (flags, message) => {
    refused(['estimate', '--model', 'llama-3-1-8b', ...flags], message);
  });

  it('refuses --params outside the sizes a link carries', () => {
    refused(
      ['estimate', '--params', '1m', '--gpu', '4090'],
      /--params must be a parameter count .* from 100M to 10T; got '1m'/,
    );
  });

  it.each([
    [['--min-bits', '64'], /--min-bits must be a number of bits per weight from 1 to 32; got '64'/],
    [['--hardware', ','], /--hardware lists no class; give one or more of consumer/],
    [['--min-tps', '1e9'], /--min-tps must be a number of tokens per second/],
  ])('plan refuses %j', (flags, message) => {
    refused(['plan', '--model', 'llama-3-1-8b', ...flags], message);
  });

  it('names a few GPUs and a count when --gpu matches many (it printed 1,779 characters)', () => {
    refused(
      ['estimate', '--model', 'llama-3-1-8b', '--gpu', 'nvidia'],
      /matches 'rtx-[^']+' .* and \d+ more; be more specific\n$/,
    );
  });

  it('never echoes a long value whole, nor its line breaks', () => {
    const long = `${'y'.repeat(5000)}\nz`;
    const model = ['--model', 'llama-3-1-8b'];
    const sets = [
      ['estimate', '--model', long, '--gpu', '4090'],
      ['estimate', ...model, '--gpu', long],
      ...['--precision', '--runtime', '--kv-cache', '--cpu', '--context'].map((flag) => [
        'estimate',
        ...model,
        '--gpu',
        '4090',
        flag,
        long,
      ]),
      ['estimate', `--${'x'.repeat(5000)}`, '1'],
    ];
    for (const args of sets) {
      const r = headroom(...args);
      expect(r.code, args.join(' ').slice(0, 80)).toBe(2);
      expect(r.stderr.length).toBeLessThan(320);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
    }
  });

  it('prints no decode speed for a run that does not fit, as the page shows "–"', () => {
    const args = ['estimate', '--model', 'llama-3-1-405b', '--precision', 'bf16', '--runtime', 'vllm', '--gpu', '4090'];
    const text = headroom(...args);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/Verdict\s+does not fit/);
    expect(text.stdout).toMatch(/Decode\s+– \(it does not fit, so it does not run\)/);
    expect(text.stdout).not.toMatch(/tok\/s/);
    const json = JSON.parse(headroom(...args, '--json').stdout) as { speed: Record<string, unknown> };
    expect(json.speed).toMatchObject({ decodeTokensPerSecond: null, prefillTokensPerSecond: null, decodeRange: null });
  });

  it.each([
    [
      'a reordered mixed pool',
      ['--params', '7b', '--gpu', '4090', '--gpu', '3090', '--gpu', '4090'],
      'rtx-4090_rtx-3090_rtx-4090',
    ],
    [
      'a 10M-token context',
      ['--model', 'llama-4-scout-17b-16e', '--context', '4194304', '--gpu', 'h100-80gb-sxm', '--gpus', '8'],
      'h100-80gb-sxm*8',
    ],
    ['a batch at the limit', ['--model', 'llama-3-1-8b', '--batch', '256', '--gpu', '4090'], 'rtx-4090'],
    ['an odd parameter count', ['--params', '7123456789', '--bpw', '3.25', '--gpu', '4090'], 'rtx-4090'],
    [
      'a config.json',
      [
        '--config',
        join(import.meta.dirname, 'fixtures', 'configs', 'mixtral-8x7b.json'),
        '--gpu',
        '4090',
        '--gpus',
        '2',
      ],
      'rtx-4090*2',
    ],
  ])('ends %s with a link the page reopens to the same estimate', (_, flags, pool) => {
    const r = headroom('estimate', ...flags, '--json');
    expect(r.stderr).toBe('');
    const cli = JSON.parse(r.stdout) as {
      link: string;
      memory: { totalBytes: number };
      fit: { verdict: string };
      speed: { decodeTokensPerSecond: number | null };
    };
    const page = reopened(cli.link);
    expect(page.state.selected?.pool).toBe(pool);
    expect(page.estimate.memory.totalBytes).toBe(cli.memory.totalBytes);
    expect(page.estimate.fit.verdict).toBe(cli.fit.verdict);
    if (cli.speed.decodeTokensPerSecond !== null)
      expect(page.estimate.speed.decodeTokensPerSecond).toBe(cli.speed.decodeTokensPerSecond);
  });
});
