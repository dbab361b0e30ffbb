import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { codePointLength } from '../../src/core/input-text';
import { MAX_BATCH, MAX_CONTEXT, MAX_MODELS, MAX_POOLS } from '../../src/url/link-limits';
import { parseShareLink, serializeShareLink } from '../../src/url/share-link';
import { DEFAULT_STATE, poolKey, type ShareState } from '../../src/url/share-state';
import { matrixView } from '../../src/view-models/matrix-view';
import { memoryBreakdownView, memoryContextView } from '../../src/view-models/memory-view';
import { canRunView, planView } from '../../src/view-models/plan-view';
import { quantView } from '../../src/view-models/quant-view';
import { buildScenario } from '../../src/view-models/scenario';
import { speedView } from '../../src/view-models/speed-view';
import { summaryView } from '../../src/view-models/summary-view';
import { comparisonRows, rowsToCsv } from '../../src/view-models/table-rows';
import { badLeaf, checkProperty, fuzzParameters, testTimeout } from './fuzz-settings';
import { PAGE_KNOWN, hostileLink, reachableState } from './link-arbitraries';

/** The longest notice a link may produce: values are cut to 40 characters, lists to five names. */
const MAX_NOTICE = 400;

/** What the page shows for a state: every view model, as the app builds them (src/app/app.tsx). */
function everyView(state: ShareState, heavy: boolean): Record<string, unknown> {
  const s = buildScenario(state);
  const views: Record<string, unknown> = {
    summary: summaryView(s),
    matrix: matrixView(s),
    breakdown: memoryBreakdownView(s),
    context: memoryContextView(s),
    quant: quantView(s),
    speed: speedView(s),
  };
  // The table, the buying guide and "can I run" estimate hundreds of combinations each: every
  // link through them costs most of the time budget, so one link in five goes through them.
  if (heavy) {
    const rows = comparisonRows(s, true);
    views['table'] = rows;
    views['csv'] = rowsToCsv(rows);
    views['plan'] = planView(s, state.plan);
    views['canrun'] = canRunView(s);
  }
  return views;
}

function expectWithinLimits(state: ShareState): void {
  expect(Number.isInteger(state.context) && state.context >= 1 && state.context <= MAX_CONTEXT).toBe(true);
  expect(Number.isInteger(state.batch) && state.batch >= 1 && state.batch <= MAX_BATCH).toBe(true);
  expect(state.models.length).toBeGreaterThan(0);
  expect(state.models.length).toBeLessThanOrEqual(MAX_MODELS);
  expect(state.pools.length).toBeGreaterThan(0);
  expect(state.pools.length).toBeLessThanOrEqual(MAX_POOLS);
  expect(new Set(state.formats.map((f) => f.toLowerCase())).size).toBe(state.formats.length);
}

describe('fuzz: links', () => {
  it(
    'any link parses to a state within the limits, with short notices, that reopens unchanged',
    () => {
      checkProperty(
        'links-parse',
        fc.property(hostileLink, (link) => {
          const { state, notices } = parseShareLink(link, PAGE_KNOWN);
          expectWithinLimits(state);
          for (const n of notices) {
            expect(codePointLength(n), n).toBeLessThanOrEqual(MAX_NOTICE);
            // The link's own words are echoed in quotes; the notice's words around them must be clean.
            expect(n.replace(/'[^']*'/g, "''")).not.toMatch(/NaN|Infinity|undefined/);
          }
          // A parsed state is a reachable one: its own link must reopen it exactly, without notices.
          const again = parseShareLink(serializeShareLink(state), PAGE_KNOWN);
          expect(again.notices).toEqual([]);
          expect(again.state).toEqual(state);
        }),
        fuzzParameters(3000, 4),
      );
    },
    testTimeout(30_000),
  );

  it(
    'any link renders every view model with finite numbers and no NaN, Infinity or exponent text',
    () => {
      let index = 0;
      checkProperty(
        'links-views',
        fc.property(hostileLink, (link) => {
          const { state } = parseShareLink(link, PAGE_KNOWN);
          const bad = badLeaf(everyView(state, index++ % 5 === 0));
          expect(bad, link.slice(0, 300)).toBeNull();
        }),
        fuzzParameters(250, 8, 0.05),
      );
    },
    testTimeout(30_000),
  );

  it(
    'every reachable state survives a round trip through its link (identity)',
    () => {
      checkProperty(
        'links-round-trip',
        fc.property(reachableState, (state) => {
          const link = serializeShareLink(state);
          const parsed = parseShareLink(link, PAGE_KNOWN);
          expect(parsed.notices).toEqual([]);
          expect(parsed.state).toEqual(state);
          expect(parsed.state.pools.map(poolKey)).toEqual(state.pools.map(poolKey));
        }),
        fuzzParameters(2000, 4),
      );
    },
    testTimeout(30_000),
  );

  it(
    'serializes any text without throwing, lone surrogates included',
    () => {
      checkProperty(
        'links-serialize-text',
        fc.property(fc.string({ unit: 'binary', maxLength: 120 }), (text) => {
          const state = { ...DEFAULT_STATE, table: { ...DEFAULT_STATE.table, search: text } };
          expect(() => serializeShareLink(state)).not.toThrow();
        }),
        fuzzParameters(1000, 1),
      );
    },
    testTimeout(30_000),
  );
});
