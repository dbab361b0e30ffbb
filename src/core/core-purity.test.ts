import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

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
});
