import { describe, expect, it } from 'vitest';
import { weightFormatById } from '../core/formats/weight-formats';
import { isCatalogGpu, isCatalogModel } from '../view-models/scenario';
import { isLinkKey } from './link-keys';
import { parseShareLink, serializeShareLink, type KnownIds } from './share-link';
import { DEFAULT_STATE } from './share-state';

const known: KnownIds = {
  isModel: isCatalogModel,
  isGpu: isCatalogGpu,
  isFormat: (id) => weightFormatById(id) !== null,
  configProblem: () => null,
};
const parse = (query: string) => parseShareLink(query, known);

describe('the buying guide quality threshold (ql)', () => {
  it('is a registered key that defaults on its own to 0.01 and is left out when equal to it', () => {
    expect(isLinkKey('ql')).toBe(true);
    expect(DEFAULT_STATE.plan.maxLoss).toBe(0.01);
    expect(serializeShareLink(DEFAULT_STATE)).not.toContain('ql=');
    // A link with only the mode keeps the default threshold, and one with only the threshold keeps the mode.
    expect(parse('?v=2&pf=quality').state.plan).toMatchObject({ formats: 'quality', maxLoss: 0.01 });
    expect(parse('?v=2&ql=0.02').state.plan).toMatchObject({ formats: 'best', maxLoss: 0.02 });
  });

  it('reads back what it writes', () => {
    const state = { ...DEFAULT_STATE, plan: { ...DEFAULT_STATE.plan, formats: 'quality' as const, maxLoss: 0.0035 } };
    const link = serializeShareLink(state);
    expect(link).toContain('pf=quality');
    expect(link).toContain('ql=0.0035');
    expect(parse(link).state.plan).toEqual(state.plan);
  });

  it.each(['abc', '0', '2', '-0.01', '1e-2', '0.00001'])('ignores %j with a notice and keeps the default', (raw) => {
    const { state, notices } = parse(`?v=2&ql=${encodeURIComponent(raw)}`);
    expect(state.plan.maxLoss).toBe(0.01);
    expect(notices).toEqual([
      `Ignored quality threshold '${raw}': it must be a mean KL divergence from 0.0001 to 1, e.g. 0.01.`,
    ]);
  });
});
