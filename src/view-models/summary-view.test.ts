import { describe, expect, it } from 'vitest';
import { DEFAULT_STATE } from '../url/share-state';
import { buildScenario } from './scenario';
import { summaryOrError } from './summary-view';

describe('summaryOrError', () => {
  it('is the summary for a usable scenario', () => {
    const view = summaryOrError(buildScenario(DEFAULT_STATE));
    expect(view.verdict).not.toBe('error');
    expect(view.parts.length).toBeGreaterThan(0);
  });

  it('names what failed instead of throwing into the page shell, which reads the verdict for its oracle', () => {
    const broken = { ...buildScenario(DEFAULT_STATE), formats: [] };
    expect(summaryOrError(broken)).toMatchObject({
      verdict: 'error',
      sentence: 'The verdict could not be computed: no format chosen.',
      parts: [],
    });
  });
});
