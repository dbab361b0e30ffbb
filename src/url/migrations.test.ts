import { describe, expect, it } from 'vitest';
import { migrateLink, type Migration } from './migrations';

describe('link migrations', () => {
  // A made-up history: version 2 renamed `ctx` to `context`, version 3 changed the default
  // batch from 1 to 4, so a version-1 link without `b` must say b=1 explicitly.
  const history: Migration[] = [
    (p) => {
      const ctx = p.get('ctx');
      p.delete('ctx');
      if (ctx !== null) p.set('context', ctx);
    },
    (p) => {
      if (!p.has('b')) p.set('b', '1');
    },
  ];

  it('runs every step from the link version to the current one, in order', () => {
    const { params, known } = migrateLink(new URLSearchParams('v=1&ctx=4096'), history);
    expect(known).toBe(true);
    expect(params.toString()).toBe('v=3&context=4096&b=1');
  });

  it('runs only the later steps for a newer link, and none for a current one', () => {
    expect(migrateLink(new URLSearchParams('v=2&context=8'), history).params.toString()).toBe('v=3&context=8&b=1');
    expect(migrateLink(new URLSearchParams('v=3&b=4'), history).params.toString()).toBe('v=3&b=4');
  });

  it('leaves an unknown version to the parser to read as far as it can', () => {
    for (const v of ['9', '0', 'abc', '1e3'])
      expect(migrateLink(new URLSearchParams(`v=${v}&ctx=1`), history)).toMatchObject({ known: false });
  });

  it('reads a link without a version as the current one', () => {
    expect(migrateLink(new URLSearchParams('ctx=1'), history).known).toBe(true);
  });
});
