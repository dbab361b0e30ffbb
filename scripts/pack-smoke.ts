/**
 * `npm run check:pack`: packs the package as `npm publish` would, installs the tarball into an
 * empty folder without the registry, and runs the installed CLI and library there: `--help`, one
 * `estimate --json`, and an estimate through the `headroom/core` export.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
const work = mkdtempSync(join(tmpdir(), 'headroom-pack-'));
const run = (cmd: string, args: string[], cwd: string) =>
  execFileSync(cmd, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

try {
  // `npm pack` runs the prepare script (the CLI and core builds) first; its JSON report comes last.
  const report = run('npm', ['pack', '--json', '--pack-destination', work], root);
  const packed = JSON.parse(report.slice(report.search(/^\[/m))) as {
    filename: string;
    size: number;
    entryCount: number;
  }[];
  const tarball = packed[0];
  if (!tarball) throw new Error('npm pack wrote no tarball');
  const app = join(work, 'app');
  run('mkdir', ['-p', app], work);
  writeFileSync(join(app, 'package.json'), '{ "name": "pack-smoke", "version": "1.0.0", "type": "module" }\n');
  run('npm', ['install', '--offline', '--no-audit', '--no-fund', join(work, tarball.filename)], app);
  const help = run('npx', ['--no-install', 'headroom', '--help'], app);
  if (!help.includes('Usage')) throw new Error(`headroom --help printed no usage:\n${help}`);
  const estimate = JSON.parse(
    run('npx', ['--no-install', 'headroom', 'estimate', '--model', 'llama-3-1-8b', '--gpu', '4090', '--json'], app),
  ) as { fit: { verdict: string }; memory: { totalBytes: number } };
  if (!(estimate.memory.totalBytes > 0) || estimate.fit.verdict !== 'fits')
    throw new Error(`unexpected estimate: ${JSON.stringify(estimate.fit)}`);
  writeFileSync(
    join(app, 'use-core.js'),
    `import { estimate, weightFormatById, architectureFrom } from 'headroom/core';
const arch = architectureFrom({ layers: 32, hiddenSize: 4096, intermediateSize: 14336, attentionHeads: 32, kvHeads: 8, headDim: 128, vocabSize: 128256, tiedEmbeddings: false });
const r = estimate({ arch, format: weightFormatById('Q4_K_M'), contextTokens: 8192, sequences: 1, kvCacheType: 'f16', runtime: 'llama.cpp', devices: [{ name: 'gpu', vendor: 'nvidia', memoryBytes: 24 * 2 ** 30, bandwidthBytesPerSecond: 1e12, fp16FlopsPerSecond: 1.6e14, unifiedMemory: false }] });
if (!r.ok) throw new Error(r.error);
console.log(r.value.fit.verdict);
`,
  );
  const core = run('node', ['use-core.js'], app).trim();
  if (core !== 'fits') throw new Error(`headroom/core estimate printed '${core}'`);
  console.log(
    `pack smoke passed: ${tarball.filename}, ${tarball.entryCount} files, ${(tarball.size / 1024).toFixed(0)} KiB; --help, estimate --json and headroom/core work in an empty folder`,
  );
} finally {
  rmSync(work, { recursive: true, force: true });
}
