import { describe, expect, it } from 'vitest';
import { OWNERSHIP_LIMITS, DEFAULT_TERMS } from '../planning/rent-vs-buy';
import { DEFAULT_PRICE_CHOICE, PRICE_CHOICES } from '../planning/unit-price';
import { isLinkKey } from './link-keys';
import {
  DEFAULT_PRICE_NEEDS,
  PRICE_CHOICE_IDS,
  PRICE_LINK_LIMITS,
  parsePriceNeeds,
  serializePriceNeeds,
} from './price-state';
import { parseShareLink, serializeShareLink } from './share-link';
import { DEFAULT_STATE } from './share-state';

const parse = (q: string) => {
  const notices: string[] = [];
  const params = new URLSearchParams(q);
  const needs = parsePriceNeeds((k) => params.get(k) ?? undefined, notices);
  return { needs, notices };
};

describe('price settings in the link', () => {
  it('agree with the planner on choices, defaults and ranges', () => {
    expect([...PRICE_CHOICE_IDS]).toEqual([...PRICE_CHOICES]);
    expect(DEFAULT_PRICE_NEEDS.prices).toBe(DEFAULT_PRICE_CHOICE);
    expect({
      hoursPerDay: DEFAULT_PRICE_NEEDS.hoursPerDay,
      years: DEFAULT_PRICE_NEEDS.years,
      usdPerKwh: DEFAULT_PRICE_NEEDS.usdPerKwh,
    }).toEqual(DEFAULT_TERMS);
    expect(PRICE_LINK_LIMITS).toEqual(OWNERSHIP_LIMITS);
    for (const k of ['pk', 'hpd', 'yrs', 'kwh']) expect(isLinkKey(k), k).toBe(true);
  });

  it('reads each field on its own, falling back with a notice', () => {
    expect(parse('pk=used&hpd=4&yrs=2.5&kwh=0.3')).toEqual({
      needs: { prices: 'used', hoursPerDay: 4, years: 2.5, usdPerKwh: 0.3 },
      notices: [],
    });
    const bad = parse('pk=msrp&hpd=25&yrs=-1&kwh=NaN');
    expect(bad.needs).toEqual(DEFAULT_PRICE_NEEDS);
    expect(bad.notices).toHaveLength(4);
    expect(bad.notices[0]).toMatch(/Ignored price kind 'msrp': use launch, new, used, cheapest/);
    expect(bad.notices[1]).toMatch(/Ignored hours a day '25': it must be a number from 0\.1 to 24/);
  });

  it('leaves defaults out of the link and round-trips the rest', () => {
    expect(serializePriceNeeds(DEFAULT_PRICE_NEEDS)).toEqual([]);
    const state = {
      ...DEFAULT_STATE,
      plan: { ...DEFAULT_STATE.plan, prices: 'new' as const, hoursPerDay: 4, usdPerKwh: 0 },
    };
    const link = serializeShareLink(state);
    expect(link).toContain('pk=new');
    expect(link).toContain('hpd=4');
    expect(link).toContain('kwh=0');
    const everything = { isModel: () => true, isGpu: () => true, isFormat: () => true, configProblem: () => null };
    expect(parseShareLink(link, everything).state.plan).toEqual(state.plan);
  });
});
