import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';

// If anything in the core touched React, these empty mocks would break it.
vi.mock('react', () => ({}));
vi.mock('react-dom', () => ({}));

const coreDir = import.meta.dirname;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(path);
    return e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') ? [path] : [];
  });
}

describe('src/core is pure', () => {
  it('imports nothing but relative core modules', () => {
    for (const file of sourceFiles(coreDir)) {
      const imports = [...readFileSync(file, 'utf8').matchAll(/from '([^']+)'/g)].map((m) => m[1] ?? '');
      for (const spec of imports) {
        expect(spec.startsWith('./') || spec.startsWith('../'), `${file} imports ${spec}`).toBe(true);
        expect(join(file, '..', spec).startsWith(coreDir), `${file} leaves src/core via ${spec}`).toBe(true);
      }
    }
  });

  it('runs an estimate with React mocked away', async () => {
    const { estimate } = await import('./estimate');
    const { weightFormatById } = await import('./formats/weight-formats');
    const { LLAMA_3_8B } = await import('./test-architectures');
    const { RTX_4090 } = await import('./test-devices');
    const format = weightFormatById('Q8_0');
    if (!format) throw new Error('Q8_0 missing');
    const r = estimate({
      arch: LLAMA_3_8B,
      format,
      contextTokens: 4096,
      sequences: 1,
      kvCacheType: 'f16',
      runtime: 'llama.cpp',
      devices: [RTX_4090],
    });
    expect(r.ok).toBe(true);
  });
});
