import { describe, expect, it } from 'vitest';
import gpusJson from '../../data/gpus.json';
import modelsJson from '../../data/models.json';
import cpusJson from '../../data/cpus.json';
import { countParameters } from '../core/params';
import { GPUS, MODELS } from './catalog';
import { cpuCatalogSchema, gpuCatalogSchema, modelCatalogSchema } from './schema';

describe('catalogue', () => {
  it('validates against the schema', () => {
    expect(gpuCatalogSchema.safeParse(gpusJson).success).toBe(true);
    expect(modelCatalogSchema.safeParse(modelsJson).success).toBe(true);
  });

  it('is the size the product promises: at least 80 GPUs, 60 models and a few CPUs', () => {
    expect(GPUS.length).toBeGreaterThanOrEqual(80);
    expect(MODELS.length).toBeGreaterThanOrEqual(60);
    expect(cpuCatalogSchema.safeParse(cpusJson).success).toBe(true);
    expect(cpusJson.length).toBeGreaterThanOrEqual(5);
  });

  it('gives every launch price its own source and month, and CPU bandwidth matches channels × 8 bytes × a DDR rate', () => {
    for (const g of GPUS) {
      if (!g.launchPrice) continue;
      expect(g.launchPrice.source, g.id).toMatch(/^https:\/\//);
      expect(g.launchPrice.date >= '2015-01' && g.launchPrice.date <= '2026-12', g.id).toBe(true);
    }
    for (const c of cpusJson) {
      const mtPerSecond = (c.bandwidthGBps * 1000) / (c.memoryChannels * 8);
      expect(mtPerSecond, c.id).toBeGreaterThan(1600);
      expect(mtPerSecond, c.id).toBeLessThan(11000);
    }
  });

  it('covers the memory classes users think in', () => {
    expect(GPUS.length).toBeGreaterThanOrEqual(20);
    for (const gib of [16, 24, 48, 80])
      expect(
        GPUS.some((g) => g.memoryGiB === gib),
        `${gib} GB class`,
      ).toBe(true);
    expect(GPUS.some((g) => g.memoryGiB > 80)).toBe(true);
    for (const vendor of ['nvidia', 'amd', 'apple'])
      expect(
        GPUS.some((g) => g.vendor === vendor),
        vendor,
      ).toBe(true);
    for (const cls of ['consumer', 'workstation', 'datacenter', 'apple'])
      expect(
        GPUS.some((g) => g.class === cls),
        cls,
      ).toBe(true);
    expect(MODELS.length).toBeGreaterThanOrEqual(15);
  });

  it('has unique ids', () => {
    expect(new Set(GPUS.map((g) => g.id)).size).toBe(GPUS.length);
    expect(new Set(MODELS.map((m) => m.id)).size).toBe(MODELS.length);
  });

  it('rejects entries without a source or with impossible units', () => {
    const gpu = gpusJson[0];
    expect(gpuCatalogSchema.safeParse([{ ...gpu, source: undefined }]).success).toBe(false);
    expect(gpuCatalogSchema.safeParse([{ ...gpu, bandwidthGBps: -1 }]).success).toBe(false);
    expect(gpuCatalogSchema.safeParse([{ ...gpu, source: 'not a url' }]).success).toBe(false);
    const model = modelsJson[0];
    expect(
      modelCatalogSchema.safeParse([{ ...model, architecture: { ...model?.architecture, layers: 0 } }]).success,
    ).toBe(false);
  });

  // The estimator's count from the architecture must reproduce each published count within 1%,
  // or within one unit of the last digit for figures published with two significant digits
  // ("37B" covers 36.5-37.5B before rounding, more than 1%).
  it.each(MODELS.map((m) => [m.id, m] as const))('%s: parameter count within 1%% of the published figure', (_id, m) => {
    const p = countParameters(m.arch);
    const { total, active, activeConvention, roundedTo = 0 } = m.publishedParams;
    const within = (computed: number, published: number) => {
      expect(Math.abs(computed - published)).toBeLessThanOrEqual(Math.max(0.01 * published, roundedTo));
    };
    within(p.total, total);
    within(activeConvention === 'all' ? p.active : p.activePerToken, active);
  });

  it('bandwidth agrees with bus width where both are listed, within what memory data rates allow', () => {
    for (const g of GPUS) {
      if (g.busWidthBits === undefined) continue;
      // GB/s = bus bytes × Gbps per pin; GDDR/HBM pins run 1-40 Gbps.
      const gbpsPerPin = (g.bandwidthGBps * 8) / g.busWidthBits;
      expect(gbpsPerPin, g.id).toBeGreaterThan(1);
      expect(gbpsPerPin, g.id).toBeLessThan(40);
    }
  });
});
