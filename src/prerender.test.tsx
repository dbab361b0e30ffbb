// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { render } from './prerender';

describe('prerendered default view', () => {
  const html = render();

  it('contains the fit matrix and the verdict banner', () => {
    expect(html).toContain('class="matrix-svg"');
    expect(html).toContain('banner-title');
  });

  it('leaves the long option lists to the browser (they delay the first paint)', () => {
    const selects = html.match(/<select[\s\S]*?<\/select>/g) ?? [];
    expect(selects.length).toBeGreaterThan(3);
    for (const s of selects) expect((s.match(/<option/g) ?? []).length).toBeLessThanOrEqual(10);
  });
});
